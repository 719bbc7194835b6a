import fs from 'node:fs';
import path from 'node:path';
import { detectFormat } from '../src/ingest/index.js';
const root = '/work/shared/data';
const counts = new Map<string, number>();
function walk(d: string) { for (const f of fs.readdirSync(d)) { const p = path.join(d, f); if (fs.statSync(p).isDirectory()) walk(p); else if (!/LICENSE/.test(f)) { const t = fs.readFileSync(p, 'utf8').slice(0, 65536); const fm = detectFormat({ path: p, head: t }); const k = `${path.relative(root, d)} → ${fm?.name ?? 'none'}`; counts.set(k, (counts.get(k) ?? 0) + 1); } } }
walk(root);
for (const [k, v] of [...counts].sort()) console.log(v, k);
