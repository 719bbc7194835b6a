import fs from 'node:fs';
import { parseS2orc, s2orc } from '../src/ingest/s2orc.js';
import { parseUnarxive, unarxive } from '../src/ingest/unarxive.js';
const d = '/work/shared/data/grobid-tei-s2orc/';
for (const f of [...fs.readdirSync(d+'s2orc_json').map(x=>'s2orc_json/'+x), 'tei/2020.acl-main.207.json', 'tei/N18-3011.json']) {
  const t = fs.readFileSync(d+f,'utf8');
  const r = parseS2orc(t, f); const p = r.records[0];
  console.log(f, s2orc.detect({path:f, head:t.slice(0,65536)}), r.records.length, r.rejects.length, p && [p.ids, p.title?.slice(0,50), p.authors.slice(0,2), p.date, p.abstract?.slice(0,40), p.references?.length, p.references?.filter(x=>x.ids.doi||x.ids.arxiv).length]);
}
for (const f of fs.readdirSync('/work/shared/data/unarxive').filter(x=>x.endsWith('jsonl'))) {
  const t = fs.readFileSync('/work/shared/data/unarxive/'+f,'utf8');
  const r = parseUnarxive(t, f);
  console.log(f, unarxive.detect({path:f, head:t.slice(0,65536)}), s2orc.detect({path:f, head:t.slice(0,65536)}), r.records.length, r.rejects.length, r.records.reduce((a,p)=>a+(p.references?.length??0),0), r.records[0].date, r.records[0].authors, r.records[0].categories, r.records[0].references?.[0]);
}
