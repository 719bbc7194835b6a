import fs from 'node:fs';
import { parseTei } from '../src/ingest/tei.js';
for (const f of ['2020.acl-main.207.tei.xml','N18-3011.tei.xml']) {
const r = parseTei(fs.readFileSync('/work/shared/data/grobid-tei-s2orc/tei/'+f, 'utf8'), f);
const p = r.records[0];
console.log(f, r.rejects, {...p, abstract: p.abstract?.slice(0,80), references: p.references?.length});
console.log(p.references?.slice(17,20), p.references?.filter(x=>x.ids.arxiv||x.ids.doi).length);
}
