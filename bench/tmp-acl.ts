import fs from 'node:fs';
import { parseAclXml } from '../src/ingest/acl-xml.js';
const dir = '/work/shared/data/acl-anthology-xml/';
let n = 0, abs = 0, ds = 0, code = 0, rej = 0, noUrl = 0; const t0 = Date.now();
const ids = new Set<string>(); let dup = 0;
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.xml'))) {
  const r = parseAclXml(fs.readFileSync(dir + f, 'utf8'), f);
  n += r.records.length; rej += r.rejects.length;
  if (r.rejects.length) console.log(f, r.rejects.slice(0, 2));
  for (const p of r.records) { if (p.abstract) abs++; ds += p.datasetTags?.length ?? 0; code += p.codeUrls.length; if (!p.ids.acl) noUrl++; else { if (ids.has(p.ids.acl)) dup++; ids.add(p.ids.acl); } }
}
console.log({ n, abs, ds, code, rej, noUrl, dup, ms: Date.now() - t0 });
