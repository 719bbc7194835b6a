/**
 * `litgraph threads [--graph DIR] [--json]` — the research threads of a build, as a table:
 * id, size, years, label, top methods / datasets / tasks and the most central papers.
 */
import { loadGraph, loadThreads } from '../../sinks/json.js';
import type { Thread } from '../../types.js';
import { parseOptions, type CliIO } from '../io.js';
import { DEFAULT_OUT_DIR } from './build.js';

export const USAGE = `usage: litgraph threads [--graph DIR] [--json]
  --graph  a build's output folder [graph-data/out]
  --json   print threads.json's threads with labels of their entities and central papers`;

export interface ThreadRow extends Thread {
  /** Display labels of `central`, `topMethods`, `topDatasets`, `topTasks` (same order). */
  labels: { central: string[]; methods: string[]; datasets: string[]; tasks: string[] };
}

/** The threads of the build in `dir`, with display labels: the importable form of the command. */
export function listThreads(dir: string): ThreadRow[] {
  const threads = loadThreads(dir);
  const graph = loadGraph(dir);
  const label = (id: string) => (graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id);
  return threads.map((t) => ({
    ...t,
    labels: { central: t.central.map(label), methods: t.topMethods.map(label), datasets: t.topDatasets.map(label), tasks: t.topTasks.map(label) },
  }));
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function formatThreads(rows: readonly ThreadRow[]): string {
  if (!rows.length) return 'no threads (run `litgraph build` on more papers)\n';
  const lines: string[] = [];
  lines.push(`${'thread'.padEnd(14)} ${'size'.padStart(5)}  ${'years'.padEnd(9)}  label`);
  for (const t of rows) {
    const years = t.years ? (t.years[0] === t.years[1] ? String(t.years[0]) : `${t.years[0]}–${t.years[1]}`) : '-';
    lines.push(`${t.id.padEnd(14)} ${String(t.size).padStart(5)}  ${years.padEnd(9)}  ${t.label}`);
    if (t.terms.length) lines.push(`${' '.repeat(32)}terms: ${t.terms.join(', ')}`);
    const entities = [
      t.labels.methods.length ? `methods: ${t.labels.methods.join(', ')}` : '',
      t.labels.datasets.length ? `datasets: ${t.labels.datasets.join(', ')}` : '',
      t.labels.tasks.length ? `tasks: ${t.labels.tasks.join(', ')}` : '',
    ].filter(Boolean);
    for (const e of entities) lines.push(`${' '.repeat(32)}${e}`);
    if (t.labels.central.length) lines.push(`${' '.repeat(32)}central: ${t.labels.central.slice(0, 3).map((l) => clip(l, 60)).join(' · ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(args, { graph: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const rows = listThreads(values.graph ?? DEFAULT_OUT_DIR);
  io.stdout(values.json ? `${JSON.stringify(rows, null, 2)}\n` : formatThreads(rows));
  return 0;
}
