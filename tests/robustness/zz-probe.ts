import { readFileSync } from 'node:fs';
import { FORMATS } from '../../src/ingest/index.js';
const cases: [string, string][] = [
  ['bibtex', readFileSync('/tmp/litgraph-fuzz-failures/bibtex-11762023-276.txt', 'utf8')],
  ['aan-citations', readFileSync('/tmp/litgraph-fuzz-failures/aan-citations-11762023-1028.txt', 'utf8')],
  ['unarxive', 'ab\n'.repeat(200_000)],
];
for (const [name, text] of cases) { FORMATS[name].parse('x', 'w'); const t0 = performance.now(); FORMATS[name].parse(text, 'x'); console.log(name, Math.round(performance.now() - t0), 'ms'); }
