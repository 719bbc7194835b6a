/**
 * extract — entities named in each paper's text
 * =============================================
 *
 * Runs every extractor over each paper's title and abstract and resolves the mentions into
 * entities with stable keys, aliases and mention counts:
 *
 *   text.ts tokens + tags ─▶ doc.ts (gazetteer scan, abbreviations) ─▶ methods.ts  proposes / uses
 *                                                                     datasets.ts evaluates_on
 *                                                                     metrics.ts  reports (+ values)
 *                                                                     tasks.ts    addresses
 *                                                                     orgs.ts     affiliated
 *                                                                     terms.ts    typed noun phrases
 *   ─▶ one span per region (priority: proposed names, known names, patterns, noun phrases)
 *   ─▶ resolve.ts keys, long forms to acronyms, spelling variants, entity nodes.
 *
 * Metadata links (authors, venue, categories, organisations, code URLs a source states) are not
 * text mentions: graph/build.ts adds those straight from the Paper.
 */
import type { Entity, EntityType, Extraction, Mention, Paper } from '../types.js';
import { repoMentions } from './repos.js';
import { analyse, type Doc, type Found } from './doc.js';
import { methodMentions } from './methods.js';
import { datasetMentions } from './datasets.js';
import { metricMentions } from './metrics.js';
import { taskMentions } from './tasks.js';
import { orgMentions } from './orgs.js';
import { typedTerms } from './terms.js';
import { isNameLike } from './doc.js';
import { GENERIC_ACRONYMS } from './methods.js';
import { emptyNotes, entitiesFromMentions as entitiesWithNotes, foundKey, noteFound, resolveCorpus, type ResolutionNotes } from './resolve.js';

export interface ExtractOptions {
  /** Entity types to extract; all by default. */
  types: readonly EntityType[];
  /** Also link noun phrases typed by their head word ("maximum entropy model"), at lower confidence. */
  terms: boolean;
}

export const DEFAULT_EXTRACT_OPTIONS: ExtractOptions = {
  types: ['method', 'dataset', 'task', 'metric', 'repo', 'org'],
  terms: true,
};

const DATASET_HEADS = new Set(['corpus', 'corpora', 'dataset', 'datasets', 'treebank', 'treebanks', 'benchmark', 'benchmarks']);

/** Typed noun phrases not covered by a named span. */
function termMentions(doc: Doc): Found[] {
  const out: Found[] = [];
  for (const t of typedTerms(doc.tokens)) {
    if (t.type === 'method') out.push({ type: 'method', role: 'uses', start: t.start, end: t.end, rule: 'np-head', confidence: 0.5 });
    else if (t.type === 'task') out.push({ type: 'task', role: 'addresses', start: t.start, end: t.end, rule: 'np-head', confidence: 0.5 });
    else if (t.type === 'metric') out.push({ type: 'metric', role: 'reports', start: t.start, end: t.end, rule: 'np-head', confidence: 0.5 });
    else if (t.type === 'material' && DATASET_HEADS.has(t.head) && doc.tokens.slice(t.from, t.to - 1).some((x) => isNameLike(x.text) && !GENERIC_ACRONYMS.has(x.text))) {
      // Only named collections are datasets ("the Switchboard corpus"), not "speech data".
      out.push({ type: 'dataset', role: 'evaluates_on', start: t.start, end: t.end, rule: 'np-head', confidence: 0.6 });
    }
  }
  return out;
}

function priority(f: Found): number {
  if (f.role === 'proposes') return 0;
  if (f.rule.startsWith('gazetteer')) return 1;
  if (f.rule.startsWith('abbrev')) return 2;
  if (f.type === 'dataset' && f.rule !== 'np-head') return 3;
  if (f.rule === 'np-head') return 5;
  return 4;
}

/** All found spans of one text, one per region (reports of one metric span keep every value). */
export function findInText(text: string, field: 'abstract' | 'title', options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS): { doc: Doc; found: Found[] } {
  const doc = analyse(text, field);
  const want = new Set(options.types);
  const found: Found[] = [];
  if (want.has('method')) found.push(...methodMentions(doc));
  const datasets = datasetMentions(doc);
  if (want.has('dataset')) found.push(...datasets);
  if (want.has('metric')) found.push(...metricMentions(doc, datasets));
  if (want.has('task')) found.push(...taskMentions(doc));
  if (want.has('org')) found.push(...orgMentions(doc));
  if (options.terms) found.push(...termMentions(doc).filter((f) => want.has(f.type)));
  // Keep the highest-priority span of each region.
  const order = found.map((f, n) => ({ f, n })).sort((a, b) => priority(a.f) - priority(b.f) || a.f.start - b.f.start || a.n - b.n);
  const kept: Found[] = [];
  const spans: Array<[number, number, Found]> = [];
  for (const { f } of order) {
    const clash = spans.find(([s, e]) => s < f.end && f.start < e);
    if (clash) {
      const other = clash[2];
      // Several values of one metric share its span.
      if (!(f.role === 'reports' && other.role === 'reports' && other.start === f.start && other.end === f.end && f.value !== undefined)) continue;
      if (other.value === undefined) {
        // A bare metric mention gives way to its valued results.
        kept.splice(kept.indexOf(other), 1);
        clash[2] = f;
      }
    } else spans.push([f.start, f.end, f]);
    kept.push(f);
  }
  return { doc, found: kept.sort((a, b) => a.start - b.start || a.end - b.end) };
}

/** The mentions of one paper, in text order (title first). */
export function extractPaperMentions(paper: Paper, options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS, notes: ResolutionNotes = emptyNotes()): Mention[] {
  const mentions: Mention[] = [];
  const fields: Array<['title' | 'abstract', string | null]> = [['title', paper.title], ['abstract', paper.abstract]];
  for (const [field, text] of fields) {
    if (!text) continue;
    const { found } = findInText(text, field, options);
    for (const f of found) {
      const key = foundKey(f, text);
      if (key.endsWith(':')) continue;
      noteFound(notes, f, key, text);
      const m: Mention = { paper: paper.id, entity: key, type: f.type, role: f.role, start: f.start, end: f.end, text: text.slice(f.start, f.end), field, rule: f.rule, confidence: f.confidence };
      if (f.value !== undefined) m.value = f.value;
      if (f.dataset !== undefined) m.dataset = f.dataset;
      if (f.setting !== undefined) m.setting = f.setting;
      mentions.push(m);
    }
  }
  if (paper.abstract && options.types.includes('repo')) mentions.push(...repoMentions(paper.id, paper.abstract));
  return mentions.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
}

/** Groups mentions into entities: one per key, with every surface form as an alias. */
export function entitiesFromMentions(mentions: readonly Mention[], notes?: ResolutionNotes): Entity[] {
  return entitiesWithNotes(mentions, notes);
}

export function extractEntities(papers: readonly Paper[], options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS): Extraction {
  const mentions: Mention[] = [];
  const notes = emptyNotes();
  for (const paper of papers) if (!paper.external) mentions.push(...extractPaperMentions(paper, options, notes));
  resolveCorpus(mentions, notes);
  return { entities: entitiesFromMentions(mentions, notes), mentions };
}
