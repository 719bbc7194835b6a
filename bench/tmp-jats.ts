import fs from 'node:fs';
import { parseJats } from '../src/ingest/jats.js';
for (const f of fs.readdirSync('/work/shared/data/grobid-tei-s2orc/jats')) {
const r = parseJats(fs.readFileSync('/work/shared/data/grobid-tei-s2orc/jats/'+f, 'utf8'), f);
const p = r.records[0];
console.log(f, r.rejects.length, r.rejects.slice(0,2), p && {...p, abstract: p.abstract?.slice(0,100), orgs: p.orgs.slice(0,2), references: p.references?.length, authors: p.authors.slice(0,3)});
console.log(p?.references?.slice(0,2), p?.references?.filter(x=>x.ids.doi||x.ids.pmid).length);
}
