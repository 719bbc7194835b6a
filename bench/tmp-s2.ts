import fs from 'node:fs';
import { parseS2Json } from '../src/ingest/s2-json.js';
for (const f of ['Paper.json','Author.json','Citation.json','Reference.json']) {
const r = parseS2Json(fs.readFileSync('/work/shared/data/s2-api/'+f, 'utf8'), f);
console.log(f, r.records.length, r.rejects.length, r.records[0]?.title, r.records[0]?.references?.length, r.records[0]?.references?.filter(x=>!x.ids.s2).length, r.records[0]?.citedBy?.length, r.records[0]?.ids, r.records[0]?.date);
}
