/**
 * How much structure a build's layout shows inside its thread discs: the mean length of the
 * paper–paper links inside threads (cites, builds_on, similar_to) over the mean distance of two
 * random papers of the same thread. 1 means linked papers sit as far apart as any two (no
 * structure); lower is tighter. With `--relayout K[,K…]` the graph is laid out again with K FA2
 * iterations per disc (and `--smooth-steps S`, 0 for the random start) before measuring.
 *
 *   npx tsx bench/layout-quality.ts BUILD_DIR [BUILD_DIR…] [--relayout 10,50] [--smooth-steps 50]
 */
import { parseArgs } from 'node:util';
import { loadGraph } from '../src/sinks/json.js';
import { layoutGraph } from '../src/graph/layout.js';
import { seededRandom } from '../src/graph/layout.js';
import type { LitGraph } from '../src/graph/build.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { relayout: { type: 'string' }, 'smooth-steps': { type: 'string' } } });
if (positionals.length === 0) throw new Error('usage: npx tsx bench/layout-quality.ts BUILD_DIR [BUILD_DIR…] [--relayout 10,50] [--smooth-steps 50]');

const LINKS = new Set(['cites', 'builds_on', 'similar_to']);

function linkedOverRandom(graph: LitGraph): { ratio: number; links: number } {
  const threadOf = new Map<string, string>();
  graph.forEachEdge((_, a, source, target) => {
    if (a.type === 'in_thread') threadOf.set(source, target);
  });
  const at = (p: string): [number, number] => [graph.getNodeAttribute(p, 'x') as number, graph.getNodeAttribute(p, 'y') as number];
  const dist = (a: string, b: string) => Math.hypot(at(a)[0] - at(b)[0], at(a)[1] - at(b)[1]);
  let linked = 0;
  let links = 0;
  graph.forEachEdge((_, a, source, target) => {
    const thread = threadOf.get(source);
    if (LINKS.has(a.type) && thread !== undefined && thread === threadOf.get(target)) {
      linked += dist(source, target);
      links++;
    }
  });
  const members = new Map<string, string[]>();
  for (const [paper, thread] of threadOf) members.set(thread, [...(members.get(thread) ?? []), paper]);
  const random = seededRandom(1);
  let sum = 0;
  let pairs = 0;
  for (const list of members.values()) {
    for (let i = 0; i < Math.min(300, list.length); i++) {
      sum += dist(list[Math.floor(random() * list.length)], list[Math.floor(random() * list.length)]);
      pairs++;
    }
  }
  return { ratio: linked / links / (sum / pairs), links };
}

for (const dir of positionals) {
  const iterations = values.relayout ? values.relayout.split(',').map(Number) : [null];
  for (const k of iterations) {
    const graph = loadGraph(dir);
    let how = 'as built';
    if (k !== null) {
      const smoothSteps = values['smooth-steps'] === undefined ? undefined : Number(values['smooth-steps']);
      const t0 = performance.now();
      layoutGraph(graph, { iterations: k, workBudget: Number.MAX_SAFE_INTEGER, ...(smoothSteps === undefined ? {} : { smoothSteps }) });
      how = `relaid out, ${k} iterations${smoothSteps === undefined ? '' : `, smoothSteps ${smoothSteps}`} (${((performance.now() - t0) / 1000).toFixed(2)} s)`;
    }
    const { ratio, links } = linkedOverRandom(graph);
    console.log(`${dir} ${how}: linked / random distance ${ratio.toFixed(3)} over ${links.toLocaleString('en')} links`);
  }
}
