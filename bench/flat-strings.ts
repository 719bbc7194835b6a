/**
 * Why the graph's keys and evidence are made with `joined` (src/graph/keys.ts) and not with
 * template literals: 1.3M edge-like keys, as many as a 100k-paper build has, made four ways, then
 * JSON-encoded in a scattered order (as graph.json's edges are, sorted by key) and sorted.
 * A template literal of 13 characters or more is a V8 cons string (a rope); `joined` and a
 * template read once with charCodeAt (which flattens it) are flat.
 * Run: npx tsx bench/flat-strings.ts [rounds]
 */
import { joined } from '../src/graph/keys.js';

const N = 1_300_000;
const rounds = Number(process.argv[2] ?? 3);
const sources = Array.from({ length: 50_000 }, (_, i) => joined('paper:arxiv:3001.', String(i).padStart(5, '0')));
const targets = Array.from({ length: 30_000 }, (_, i) => joined('author:some-author-name-', i));

const ways: Record<string, (a: string, b: string, c: string) => string> = {
  'template literal': (a, b, c) => `${a}:${b}->${c}`,
  joined: (a, b, c) => joined(a, ':', b, '->', c),
  'template + charCodeAt': (a, b, c) => {
    const s = `${a}:${b}->${c}`;
    s.charCodeAt(0);
    return s;
  },
  'template + Number()': (a, b, c) => {
    const s = `${a}:${b}->${c}`;
    Number(s);
    return s;
  },
};

console.log(`${N.toLocaleString('en')} keys; ms to make them, JSON-encode each in a scattered order, sort a copy`);
for (let round = 1; round <= rounds; round++) {
  for (const [name, make] of Object.entries(ways)) {
    const keys = new Array<string>(N);
    let t = performance.now();
    for (let i = 0; i < N; i++) keys[i] = make('authored', sources[(i * 7919) % sources.length], targets[(i * 104_729) % targets.length]);
    const made = performance.now() - t;
    t = performance.now();
    let bytes = 0;
    for (let i = 0; i < N; i++) bytes += JSON.stringify(keys[(i * 7919) % N]).length;
    const encoded = performance.now() - t;
    t = performance.now();
    keys.slice().sort();
    const sorted = performance.now() - t;
    console.log(`round ${round}  ${name.padEnd(22)} make ${made.toFixed(0).padStart(5)}  encode ${encoded.toFixed(0).padStart(5)}  sort ${sorted.toFixed(0).padStart(5)}  (${(bytes / 2 ** 20).toFixed(0)} MiB)`);
  }
}
