/**
 * `litgraph related <paper> [--graph DIR] [-k N] [--json] [--batch FILE] [--text "…"] [--include-later]`
 * Related work for a paper in the graph (id, arXiv id, DOI, ACL id or title words) or a pasted
 * abstract, ranked and explained. The index is read from the build's related.idx (or rebuilt from
 * graph.json when that is missing or stale) once per process, so `--batch FILE` (one
 * query per line; a line may also be JSON `{"paper": …}` or `{"text": …, "year": …}`) answers
 * many queries fast, printing one JSON line per query.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { loadGraph } from '../../sinks/json.js';
import { readRelatedIndex } from '../../sinks/related-index.js';
import { buildRelatedIndex, describeReasons, relatedWork, type RelatedAnswer, type RelatedIndex, type RelatedOptions, type RelatedQuery } from '../../query/related.js';
import { parseNumber, parseOptions, type CliIO } from '../io.js';
import { DEFAULT_OUT_DIR } from './build.js';

export const USAGE = `usage: litgraph related <paper> [--graph DIR] [-k N] [--json] [--batch FILE] [--text "…"] [--include-later]
  <paper>          a paper id, arXiv id, DOI, ACL id or title words (several matches → candidates listed)
  --text           a pasted abstract (or any text) instead of a paper in the graph
  --graph          a build's output folder [graph-data/out]
  -k               how many suggestions [10]
  --include-later  also suggest papers published after the query paper
  --batch          one query per line of FILE (or JSON {"paper"}/{"text"}), one JSON line per answer
  --json           print the answer with its score breakdown as JSON`;

/**
 * The index of the build in `dir`: its related.idx when that is intact and made from graph.json
 * as it is now, else (saying why on stderr) rebuilt from graph.json, which gives the same answers
 * but takes seconds per 10k papers.
 */
export function openRelated(dir: string, warn: (line: string) => void = () => {}): RelatedIndex {
  const stored = readRelatedIndex(dir);
  if (stored.status === 'ok') return stored.index;
  if (stored.status !== 'no-graph') warn(`litgraph related: ${stored.message}; building the index from graph.json instead (slower; \`litgraph build\` writes a fresh one)\n`);
  return buildRelatedIndex(loadGraph(dir));
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function formatAnswer(answer: RelatedAnswer): string {
  const q = answer.query;
  const lines: string[] = [];
  if (answer.status === 'not-found') return `${answer.message}\n`;
  if (answer.status === 'ambiguous') {
    lines.push(`"${q.input}" matches ${answer.candidates.length}${answer.candidates.length === 20 ? '+' : ''} papers; ask again with one of these ids:`);
    for (const c of answer.candidates) lines.push(`  ${c.id.padEnd(30)} ${String(c.year ?? '').padEnd(4)}  ${clip(c.label, 80)}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(q.kind === 'paper' ? `related to ${q.label} (${q.id}${q.year ? `, ${q.year}` : ''})` : `related to the text "${clip(q.input, 70)}"`);
  if (q.thread) lines.push(`thread: ${q.thread.label} (${q.thread.id})`);
  for (const [kind, named] of Object.entries(q.entities ?? {})) lines.push(`names ${kind}${named.length > 1 ? 's' : ''}: ${clip(named.map((e) => e.label).join('; '), 110)}`);
  if (!answer.suggestions.length) lines.push('no related papers found');
  else {
    lines.push('');
    lines.push(`${'#'.padStart(3)}  ${'score'.padStart(5)}  ${'year'.padEnd(4)}  paper`);
  }
  for (const s of answer.suggestions) {
    lines.push(`${String(s.rank).padStart(3)}  ${s.score.toFixed(2).padStart(5)}  ${String(s.year ?? '').padEnd(4)}  ${clip(s.label, 90)}  [${s.id}]`);
    for (const reason of describeReasons(s.reasons)) lines.push(`${' '.repeat(20)}· ${clip(reason, 110)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A line of a batch file as a query. */
export function parseBatchLine(line: string): RelatedQuery | null {
  const t = line.trim();
  if (!t || t.startsWith('#')) return null;
  if (t.startsWith('{')) {
    const j = JSON.parse(t) as { paper?: string; text?: string; year?: number };
    if (typeof j.text === 'string') return { text: j.text, year: j.year ?? null };
    if (typeof j.paper === 'string') return { paper: j.paper };
    throw new UsageError(`batch line needs "paper" or "text": ${clip(t, 80)}`);
  }
  return t;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      graph: { type: 'string' },
      k: { type: 'string', short: 'k' },
      json: { type: 'boolean' },
      batch: { type: 'string' },
      text: { type: 'string' },
      'include-later': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const k = parseNumber(values.k, '-k', 10);
  if (!(Number.isInteger(k) && k >= 1)) throw new UsageError(`-k expects a positive integer, got "${values.k}"`);
  const given = [positionals.length > 0, values.text !== undefined, values.batch !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError(`give one of <paper>, --text or --batch\n\n${USAGE}`);
  const options: Partial<RelatedOptions> = { k, allowLater: values['include-later'] ?? false };
  if (values.batch !== undefined) {
    let text: string;
    try {
      text = readFileSync(values.batch, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --batch ${values.batch}: ${(error as Error).message}`);
    }
    const index = openRelated(values.graph ?? DEFAULT_OUT_DIR, io.stderr);
    for (const line of text.split('\n')) {
      const query = parseBatchLine(line);
      if (query === null) continue;
      const answer = relatedWork(index, query, options);
      io.stdout(`${JSON.stringify(answer)}\n`); // always JSON lines: one answer per line
    }
    return 0;
  }
  const index = openRelated(values.graph ?? DEFAULT_OUT_DIR, io.stderr);
  const query: RelatedQuery = values.text !== undefined ? { text: values.text } : positionals.join(' ');
  const answer = relatedWork(index, query, options);
  io.stdout(values.json ? `${JSON.stringify(answer, null, 2)}\n` : formatAnswer(answer));
  return answer.status === 'ok' ? 0 : 1;
}
