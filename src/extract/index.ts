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
import { makeMention } from './mention.js';
import { repoMentions } from './repos.js';
import { analyse, found as foundSpan, SpanMask, type Doc, type Found } from './doc.js';
import { methodMentions } from './methods.js';
import { datasetMentions } from './datasets.js';
import { metricMentions } from './metrics.js';
import { taskMentions } from './tasks.js';
import { orgMentions } from './orgs.js';
import { typedTerms } from './terms.js';
import { emptyNotes, entitiesFromMentions as entitiesWithNotes, foundKey, keepMentions, noteFound, resolveCorpus, type KeyNumbers, type ResolutionNotes } from './resolve.js';

export interface ExtractOptions {
  /** Entity types to extract; all by default. */
  types: readonly EntityType[];
  /** Also link noun phrases typed by their head word ("maximum entropy model"), at lower confidence. */
  terms: boolean;
}

/** What extraction reads of a paper (worker threads get only this). */
export type PaperText = Pick<Paper, 'id' | 'title' | 'abstract'> & { external?: boolean };

export const DEFAULT_EXTRACT_OPTIONS: ExtractOptions = {
  types: ['method', 'dataset', 'task', 'metric', 'repo', 'org'],
  terms: true,
};

/** The typed noun phrases of a text as found spans (term.ts). */
function termMentions(doc: Doc): Array<Found & { headStart: number }> {
  const out: Array<Found & { headStart: number }> = [];
  for (const t of typedTerms(doc.tokens, doc.field === 'title')) {
    const headStart = doc.tokens[t.headIndex].start;
    if (t.type === 'method') out.push({ type: 'method', role: 'uses', start: t.start, end: t.end, rule: 'np-head', confidence: 0.5, headStart });
    else if (t.type === 'task') out.push({ type: 'task', role: 'addresses', start: t.start, end: t.end, rule: 'np-head', confidence: 0.5, headStart });
    else if (t.type === 'metric') out.push({ type: 'metric', role: 'reports', start: t.start, end: t.end, rule: 'np-head', confidence: 0.5, headStart });
    // Material phrases are not linked: named datasets come from datasets.ts, and "speech data" is no node.
  }
  return out;
}

/**
 * A named span inside a longer typed phrase: as a pre-modifier it gives way to the phrase
 * ("SMT models" is a method, not the task SMT; "APT-based classifier"); as the phrase's head it
 * takes the phrase's modifiers ("conversion accuracy" is accuracy, "automatic summarization").
 */
function mergeWithPhrases(text: string, found: Found[], terms: Array<Found & { headStart: number }>): void {
  const byStart = [...found].sort((a, b) => a.start - b.start);
  for (const t of terms) {
    // The named spans that start inside the phrase (binary search, then a short walk).
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid].start < t.start) lo = mid + 1;
      else hi = mid;
    }
    for (let n = lo; n < byStart.length && byStart[n].start < t.end; n++) {
      const f = byStart[n];
      if (f.rule === 'np-head' || f.role === 'proposes' || f.type === 'dataset' || f.type === 'org' || f.value !== undefined) continue;
      if (f.start < t.start || f.end > t.end || (f.start === t.start && f.end === t.end)) continue;
      // A name cut from a hyphenated word ("BERT" in "BERT-based encoder") stays the link.
      if (/[\w-]/.test(text[f.end] ?? '') && text[f.end] === '-') {
        t.rule = 'dropped';
        continue;
      }
      if (f.start === t.start && f.type === 'task' && t.type === 'task' && TASK_WORD_HEAD.test(text.slice(f.end, t.end))) {
        // "NER task", "text classification problems": the phrase is the name and a word that
        // adds nothing, so it keys on the name (the gazetteer's task, not `task:ner`).
        f.rule = 'dropped';
        t.rule = 'np-head-over-name';
        t.key = f.key;
        t.name = f.name ?? text.slice(f.start, f.end);
      } else if (f.end <= t.headStart) {
        f.rule = 'dropped';
        t.rule = 'np-head-over-name';
      } else if (f.end === t.end && f.type === t.type) {
        f.start = t.start;
        t.rule = 'dropped';
      }
    }
  }
}

/** What follows a task's name in "NER task", "translation problems": space and the generic head only. */
const TASK_WORD_HEAD = /^\s+(?:task|tasks|problem|problems)$/i;

function priority(f: Found): number {
  if (f.role === 'proposes') return 0;
  if (f.rule === 'abbrev-task') return 0.5;
  if (f.rule === 'np-head-over-name') return 1;
  if (f.rule.startsWith('gazetteer')) return 1;
  if (f.rule.startsWith('abbrev')) return 2;
  if (f.type === 'dataset' && f.rule !== 'np-head') return 3;
  if (f.rule === 'np-head') return 5;
  return 4;
}

// Reused text after text (SpanMask.reset): extraction is synchronous and never re-enters here.
const REGION_MASK = new SpanMask();

/** The set of an options object's types, made once per types array (two texts a paper ask for it). */
const typeSets = new WeakMap<readonly EntityType[], ReadonlySet<EntityType>>();
function wantedTypes(types: readonly EntityType[]): ReadonlySet<EntityType> {
  let set = typeSets.get(types);
  if (set === undefined) typeSets.set(types, (set = new Set(types)));
  return set;
}

function append(into: Found[], more: readonly Found[]): void {
  for (let i = 0; i < more.length; i++) into.push(more[i]);
}

/** All found spans of one text, one per region (reports of one metric span keep every value). */
export function findInText(text: string, field: 'abstract' | 'title', options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS): { doc: Doc; found: Found[] } {
  const doc = analyse(text, field);
  const want = wantedTypes(options.types);
  const found: Found[] = [];
  if (want.has('method')) append(found, methodMentions(doc));
  const datasets = datasetMentions(doc);
  if (want.has('dataset')) append(found, datasets);
  if (want.has('metric')) append(found, metricMentions(doc, datasets));
  if (want.has('task')) append(found, taskMentions(doc));
  if (want.has('org')) append(found, orgMentions(doc));
  if (options.terms) {
    const terms = termMentions(doc).filter((f) => want.has(f.type));
    mergeWithPhrases(doc.text, found, terms);
    for (const t of terms) found.push(foundSpan(t.type, t.role, t.start, t.end, t.rule, t.confidence, t.key === undefined && t.name === undefined ? undefined : { key: t.key, name: t.name }));
  }
  for (let n = found.length - 1; n >= 0; n--) if (found[n].rule === 'dropped') found.splice(n, 1);
  // Keep the highest-priority span of each region (each span's priority worked out once, not per comparison).
  const order = found.map((f, n) => ({ f, n, p: priority(f) })).sort((a, b) => a.p - b.p || a.f.start - b.f.start || a.n - b.n);
  const kept: Array<Found | null> = [];
  const mask = REGION_MASK.reset(doc.text.length);
  for (const { f } of order) {
    const owner = mask.clash(f.start, f.end);
    if (owner >= 0) {
      const other = kept[owner]!;
      // Several values of one metric share its span.
      if (!(f.role === 'reports' && other.role === 'reports' && other.start === f.start && other.end === f.end && f.value !== undefined)) continue;
      kept.push(f);
      if (other.value === undefined) {
        // A bare metric mention gives way to its valued results.
        kept[owner] = null;
        mask.mark(f.start, f.end, kept.length - 1);
      }
      continue;
    }
    kept.push(f);
    mask.mark(f.start, f.end, kept.length - 1);
  }
  return { doc, found: kept.filter((f): f is Found => f !== null).sort((a, b) => a.start - b.start || a.end - b.end) };
}

/** The mentions of one paper, in text order (title first). */
export function extractPaperMentions(paper: PaperText, options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS, notes: ResolutionNotes = emptyNotes()): Mention[] {
  const mentions: Mention[] = [];
  const fields: Array<['title' | 'abstract', string | null]> = [['title', paper.title], ['abstract', paper.abstract]];
  for (const [field, text] of fields) {
    if (!text) continue;
    const { found } = findInText(text, field, options);
    for (const f of found) {
      const key = foundKey(f, text);
      if (key.endsWith(':')) continue;
      noteFound(notes, f, key, paper.id);
      mentions.push(makeMention(paper.id, key, f.type, f.role, f.start, f.end, text.slice(f.start, f.end), field, f.rule, f.confidence, f));
    }
  }
  if (paper.abstract && options.types.includes('repo')) mentions.push(...repoMentions(paper.id, paper.abstract));
  return mentions.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
}

/** Groups mentions into entities: one per key, with every surface form as an alias. */
export function entitiesFromMentions(mentions: readonly Mention[], notes?: ResolutionNotes): Entity[] {
  return entitiesWithNotes(mentions, notes);
}

/**
 * Head-word noun phrases ("maximum entropy model") help recall but, named by one paper only,
 * they add a node that links nothing: across a corpus they are kept only when at least this
 * many papers name the same entity. Per-paper extraction (and the SciERC eval) keeps them all.
 */
export const MIN_TERM_PAPERS = 2 as const;

function pruneLoneTerms(mentions: Mention[], numbered: KeyNumbers): { mentions: Mention[]; numbered: KeyNumbers } {
  const { keys, of } = numbered;
  // Papers are counted only for entities some noun phrase names (any mention of them counts).
  const named = new Uint8Array(keys.length);
  for (let i = 0; i < mentions.length; i++) if (mentions[i].rule === 'np-head') named[of[i]] = 1;
  // MIN_TERM_PAPERS is two: an entity is kept when a mention's paper differs from its first one
  // (in any order of the mentions; no set of papers per entity). A larger minimum needs a count of
  // distinct papers per entity, and this line stops compiling to say so.
  const countsToTwo: typeof MIN_TERM_PAPERS = 2;
  void countsToTwo;
  const firstPaper: Array<string | undefined> = new Array<string | undefined>(keys.length);
  const twoPapers = new Uint8Array(keys.length);
  for (let i = 0; i < mentions.length; i++) {
    const k = of[i];
    if (named[k] === 0 || twoPapers[k] === 1) continue;
    const first = firstPaper[k];
    if (first === undefined) firstPaper[k] = mentions[i].paper;
    else if (first !== mentions[i].paper) twoPapers[k] = 1;
  }
  return keepMentions(mentions, numbered, (m, k) => m.rule !== 'np-head' || twoPapers[k] === 1);
}

/** The per-paper half of extractEntities: every paper's mentions in order, notes gathered on the way. */
export function extractCorpusMentions(papers: readonly PaperText[], options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS, notes: ResolutionNotes = emptyNotes()): Mention[] {
  const mentions: Mention[] = [];
  for (const paper of papers) if (!paper.external) for (const m of extractPaperMentions(paper, options, notes)) mentions.push(m);
  return mentions;
}

/** The corpus half of extractEntities: keys merged across papers, lone terms dropped, entities grouped. */
export function finishExtraction(corpusMentions: Mention[], notes: ResolutionNotes): Extraction {
  const resolved = resolveCorpus(corpusMentions, notes);
  const { mentions, numbered } = pruneLoneTerms(corpusMentions, resolved);
  return { entities: entitiesWithNotes(mentions, notes, numbered), mentions };
}

export function extractEntities(papers: readonly PaperText[], options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS): Extraction {
  const notes = emptyNotes();
  return finishExtraction(extractCorpusMentions(papers, options, notes), notes);
}
