/**
 * eval section: scientific entities (issue 8)
 * ===========================================
 *
 * 1. SciERC dev split: Method, Task, Metric and Material spans (Material ≈ our datasets), from
 *    src/extract exactly as the pipeline runs it. Our character spans map to SciERC's inclusive
 *    token offsets (text = tokens joined by spaces, -LRB-/-RRB- as brackets). A long form and its
 *    parenthesised acronym, which we link as two mentions of one entity, are scored as one span
 *    ("word error rate (WER)") because SciERC annotates them so. Exact match: same token span
 *    and type. Partial match: overlapping spans of the same type, matched one-to-one.
 *    Floors: exact F1 ≥ 0.45, partial F1 ≥ 0.65 over the four types; partial precision ≥ 0.65
 *    for each type.
 * 2. ACL Anthology papers with an abstract and <pwcdataset> tags, built with the tags removed:
 *    datasets linked per paper, matched by normalised name (case, spaces, punctuation ignored)
 *    against the entity's label, aliases or surface text. Recall over the tags whose name occurs
 *    in the title or abstract (floor 0.80); precision of every linked dataset against all tags
 *    (a lower bound: the tags come from full texts; floor 0.60).
 * 3. has_code: papers whose abstract contains a code-host URL; the repositories we link against
 *    <pwccode> (ACL) and `githubRepo` (HF daily papers): recall and precision ≥ 0.98.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalResult, EvalRow, EvalSection } from './eval.js';
import type { Mention, Paper } from '../src/types.js';
import { DEFAULT_EXTRACT_OPTIONS, extractPaperMentions } from '../src/extract/index.js';
import { emptyNotes, entitiesFromMentions, type ResolutionNotes } from '../src/extract/resolve.js';
import { gazetteer } from '../src/extract/gazetteer.js';
import { normaliseRepoUrl } from '../src/graph/keys.js';

export function paperOf(id: string, title: string | null, abstract: string | null): Paper {
  return {
    id, title, label: title ?? id, abstract, authors: [], authorsTruncated: false, authorCount: null, arxivId: null, doi: null, aclId: null,
    openalexId: null, s2Id: null, date: null, dateText: null, year: null, venue: null, comments: [], categories: [], codeUrls: [], orgs: [],
    upvotes: null, hasCode: false, keywords: [], datasetTags: [], external: false, sources: [], mergedBy: [], conflicts: [],
  };
}

const prf = (tp: number, pred: number, gold: number): { precision: number | null; recall: number | null; f1: number | null } => {
  const precision = pred ? tp / pred : null;
  const recall = gold ? tp / gold : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : precision === null || recall === null ? null : 0;
  return { precision, recall, f1 };
};

/* ------------------------------------------------------------------------- SciERC -- */

type SciType = 'Method' | 'Task' | 'Metric' | 'Material';
const SCI_TYPES: SciType[] = ['Method', 'Task', 'Metric', 'Material'];
const TYPE_MAP: Record<string, SciType | undefined> = { method: 'Method', task: 'Task', metric: 'Metric', dataset: 'Material' };
const BRACKETS: Record<string, string> = { '-LRB-': '(', '-RRB-': ')', '-LSB-': '[', '-RSB-': ']', '-LCB-': '{', '-RCB-': '}' };

interface Span {
  a: number;
  b: number;
  type: SciType;
}

export function sciercDoc(doc: { sentences: string[][] }): { text: string; starts: number[]; ends: number[] } {
  const words = doc.sentences.flat().map((w) => BRACKETS[w] ?? w);
  const starts: number[] = [];
  const ends: number[] = [];
  let text = '';
  for (const w of words) {
    if (text) text += ' ';
    starts.push(text.length);
    text += w;
    ends.push(text.length);
  }
  return { text, starts, ends };
}

/** Char span → inclusive token span. */
function tokenSpan(starts: number[], ends: number[], start: number, end: number): [number, number] | null {
  let a = -1;
  let b = -1;
  for (let i = 0; i < starts.length; i++) {
    if (a < 0 && ends[i] > start) a = i;
    if (starts[i] < end) b = i;
  }
  return a >= 0 && b >= a ? [a, b] : null;
}

/** Joins "long form ( ACR )" predicted as two spans of one type into one span. */
function joinAcronyms(spans: Span[], words: string[]): Span[] {
  const sorted = [...spans].sort((x, y) => x.a - y.a || x.b - y.b);
  const out: Span[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.type === s.type && s.a === prev.b + 2 && s.a === s.b && words[prev.b + 1] === '-LRB-' && words[s.b + 1] === '-RRB-') {
      prev.b = s.b + 1;
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

function matchPartial(pred: Span[], gold: Span[]): number {
  // Greedy one-to-one matching by overlap size.
  const pairs: Array<[number, number, number]> = [];
  pred.forEach((p, i) => gold.forEach((g, j) => {
    if (p.type !== g.type) return;
    const overlap = Math.min(p.b, g.b) - Math.max(p.a, g.a) + 1;
    if (overlap > 0) pairs.push([overlap, i, j]);
  }));
  pairs.sort((x, y) => y[0] - x[0]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  for (const [, i, j] of pairs) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
  }
  return usedP.size;
}

function evalScierc(dataDir: string): { rows: EvalRow[]; notes: string[] } | null {
  const path = join(dataDir, 'scierc', 'dev.json');
  if (!existsSync(path)) return null;
  const docs = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { doc_key: string; sentences: string[][]; ner: Array<Array<[number, number, string]>> });
  const counts = new Map<SciType, { exact: number; partial: number; pred: number; gold: number }>();
  for (const t of SCI_TYPES) counts.set(t, { exact: 0, partial: 0, pred: 0, gold: 0 });
  let chars = 0;
  let ms = 0;
  for (const d of docs) {
    const { text, starts, ends } = sciercDoc(d);
    const words = d.sentences.flat();
    chars += text.length;
    const t0 = performance.now();
    const mentions = extractPaperMentions(paperOf(`scierc:${d.doc_key}`, null, text));
    ms += performance.now() - t0;
    const seen = new Set<string>();
    let pred: Span[] = [];
    for (const m of mentions) {
      const type = TYPE_MAP[m.type];
      if (!type || m.field === 'title') continue;
      const span = tokenSpan(starts, ends, m.start, m.end);
      if (!span) continue;
      const key = `${span[0]}:${span[1]}:${type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pred.push({ a: span[0], b: span[1], type });
    }
    pred = joinAcronyms(pred, words);
    const gold: Span[] = d.ner.flat().filter(([, , t]) => (SCI_TYPES as string[]).includes(t)).map(([a, b, t]) => ({ a, b, type: t as SciType }));
    for (const t of SCI_TYPES) {
      const p = pred.filter((s) => s.type === t);
      const g = gold.filter((s) => s.type === t);
      const c = counts.get(t)!;
      c.pred += p.length;
      c.gold += g.length;
      const goldKeys = new Set(g.map((s) => `${s.a}:${s.b}`));
      c.exact += p.filter((s) => goldKeys.has(`${s.a}:${s.b}`)).length;
      c.partial += matchPartial(p, g);
    }
  }
  const rows: EvalRow[] = [];
  const total = { exact: 0, partial: 0, pred: 0, gold: 0 };
  for (const t of SCI_TYPES) {
    const c = counts.get(t)!;
    total.exact += c.exact;
    total.partial += c.partial;
    total.pred += c.pred;
    total.gold += c.gold;
    rows.push({ name: `SciERC dev · ${t} · exact`, ...prf(c.exact, c.pred, c.gold), gold: c.gold, predicted: c.pred });
    rows.push({ name: `SciERC dev · ${t} · partial`, ...prf(c.partial, c.pred, c.gold), gold: c.gold, predicted: c.pred, floors: { precision: 0.65 } });
  }
  rows.push({ name: 'SciERC dev · 4 types · exact', ...prf(total.exact, total.pred, total.gold), gold: total.gold, predicted: total.pred, floors: { f1: 0.45 } });
  rows.push({ name: 'SciERC dev · 4 types · partial', ...prf(total.partial, total.pred, total.gold), gold: total.gold, predicted: total.pred, floors: { f1: 0.65 } });
  return { rows, notes: [`SciERC: ${docs.length} abstracts, ${(chars / 1024).toFixed(0)} KiB extracted in ${ms.toFixed(0)} ms`] };
}

/* ---------------------------------------------------------------- ACL Anthology -- */

interface GoldPaper {
  id: string;
  title: string | null;
  abstract: string | null;
  datasets: string[];
  code: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function xmlText(s: string): string {
  return s
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e] ?? m))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A minimal reader of Anthology XML: papers with title, abstract, <pwcdataset> and <pwccode>. */
export function readAclPapers(xml: string, file: string): GoldPaper[] {
  const out: GoldPaper[] = [];
  const paperRe = /<paper\b[^>]*\bid="([^"]*)"[^>]*>([\s\S]*?)<\/paper>/g;
  for (const m of xml.matchAll(paperRe)) {
    const body = m[2];
    const title = /<title>([\s\S]*?)<\/title>/.exec(body);
    const abstract = /<abstract>([\s\S]*?)<\/abstract>/.exec(body);
    const datasets = [...body.matchAll(/<pwcdataset\b[^>]*>([\s\S]*?)<\/pwcdataset>/g)].map((x) => xmlText(x[1]));
    const code = [...body.matchAll(/<pwccode\b[^>]*\burl="([^"]*)"/g)].map((x) => x[1]);
    out.push({ id: `${file}#${m[1]}`, title: title ? xmlText(title[1]) : null, abstract: abstract ? xmlText(abstract[1]) : null, datasets, code });
  }
  return out;
}

/** Whether a normalised name equals some run of whole words of the text (so "SST" is not found in "assessment"). */
export function occursAsWords(name: string, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (!name.startsWith(words[i])) continue;
    let acc = '';
    for (let j = i; j < words.length && acc.length < name.length; j++) {
      acc += words[j];
      if (acc === name) return true;
      if (!name.startsWith(acc)) break;
    }
  }
  return false;
}

const norm = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const CODE_URL = /\b(?:https?:\/\/)?(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|codeberg\.org)\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+/i;

function linkedNames(mentions: readonly Mention[], notes: ResolutionNotes): Map<string, Set<string>> {
  // entity → every normalised name it is known by (label, aliases, gazetteer spellings, surface).
  const byEntity = new Map<string, Set<string>>();
  const entities = entitiesFromMentions(mentions, notes);
  for (const e of entities) {
    // Only linked datasets: a variant's parent node carries no edge from the paper.
    if (e.type !== 'dataset' || e.mentions === 0) continue;
    const names = new Set<string>([norm(e.label), ...e.aliases.map(norm)]);
    // A variant ("SemEval-2017 Task-10", "CoNLL-2003") also answers to its parent's names.
    for (const id of [e.id, e.variantOf]) {
      const g = id ? gazetteer().get(id) : undefined;
      if (g) for (const a of [g.name, ...g.aliases]) names.add(norm(a));
    }
    if (e.variantOf) names.add(e.variantOf.slice('dataset:'.length).replace(/-/g, ''));
    byEntity.set(e.id, names);
  }
  return byEntity;
}

/** One tagged paper: the tags named in its text, those we missed, our links, those no tag confirms. */
export function scoreAclPaper(p: GoldPaper, mentions: readonly Mention[], notes: ResolutionNotes): { named: string[]; missed: string[]; linked: string[]; unconfirmed: string[] } {
  const names = linkedNames(mentions, notes);
  const tagSet = new Set(p.datasets.map(norm).filter(Boolean));
  const words = `${p.title ?? ''} ${p.abstract ?? ''}`.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const named = [...tagSet].filter((tag) => occursAsWords(tag, words));
  const missed = named.filter((tag) => ![...names.values()].some((set) => set.has(tag)));
  const linked = [...names.keys()];
  const unconfirmed = linked.filter((id) => ![...names.get(id)!].some((n) => tagSet.has(n)));
  return { named, missed, linked, unconfirmed };
}

function evalAcl(dataDir: string, codeCounts: CodeCounts): { rows: EvalRow[]; notes: string[] } | null {
  const dir = join(dataDir, 'acl-anthology-xml');
  if (!existsSync(dir)) return null;
  let tagged = 0;
  let recallGold = 0;
  let recallHit = 0;
  let linked = 0;
  let linkedHit = 0;
  let chars = 0;
  let ms = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.xml')).sort()) {
    for (const p of readAclPapers(readFileSync(join(dir, file), 'utf8'), file)) {
      if (!p.abstract) continue;
      const hasTags = p.datasets.length > 0;
      const hasCodeUrl = CODE_URL.test(p.abstract);
      if (!hasTags && !hasCodeUrl) continue;
      chars += p.abstract.length + (p.title?.length ?? 0);
      const c0 = process.cpuUsage();
      const notes = emptyNotes();
      const mentions = extractPaperMentions(paperOf(`acl:${p.id}`, p.title, p.abstract), DEFAULT_EXTRACT_OPTIONS, notes);
      ms += process.cpuUsage(c0).user / 1000;
      if (hasCodeUrl) scoreCodePaper(codeCounts, mentions, p.code, p.abstract);
      if (!hasTags) continue;
      tagged++;
      const score = scoreAclPaper(p, mentions, notes);
      recallGold += score.named.length;
      recallHit += score.named.length - score.missed.length;
      linked += score.linked.length;
      linkedHit += score.linked.length - score.unconfirmed.length;
    }
  }
  const recall = recallGold ? recallHit / recallGold : null;
  const precision = linked ? linkedHit / linked : null;
  const rows: EvalRow[] = [
    { name: 'ACL · dataset linking · recall (named in text)', precision: null, recall, f1: null, gold: recallGold, predicted: recallHit, floors: { recall: 0.8 } },
    { name: 'ACL · dataset linking · precision (vs all tags)', precision, recall: null, f1: null, gold: linked, predicted: linkedHit, floors: { precision: 0.6 } },
  ];
  return { rows, notes: [`ACL: ${tagged} tagged papers with abstracts; extraction read ${(chars / 1e6).toFixed(1)} MB of titles and abstracts in ${(ms / 1000).toFixed(1)} s of CPU (${(chars / 1e6 / (ms / 1000)).toFixed(1)} MB/s per core, first calls included)`] };
}

/* ---------------------------------------------------------------------- has_code -- */

interface CodeCounts {
  /** Papers whose abstract holds a code-host URL, and how many of them carry a gold code link. */
  urlPapers: number;
  goldPapers: number;
  /** Repository level, papers whose abstract contains the gold repository's URL. */
  gold: number;
  goldHit: number;
  linked: number;
  linkedHit: number;
  /** Repository level, every paper with a gold link (the gold may name another repository). */
  allGold: number;
  allGoldHit: number;
  allLinked: number;
  allLinkedHit: number;
}

const squash = (s: string): string => s.toLowerCase().replace(/\s+/g, '');

function scoreCodePaper(c: CodeCounts, mentions: readonly Mention[], goldUrls: readonly string[], abstract: string): void {
  c.urlPapers++;
  const gold = new Set(goldUrls.map((u) => normaliseRepoUrl(u)).filter((u): u is string => u !== null));
  if (gold.size === 0) return;
  c.goldPapers++;
  const ours = new Set(mentions.filter((m) => m.role === 'has_code').map((m) => m.entity.slice('repo:'.length)));
  const hits = (set: Set<string>, other: Set<string>): number => [...set].filter((x) => other.has(x)).length;
  c.allGold += gold.size;
  c.allGoldHit += hits(gold, ours);
  c.allLinked += ours.size;
  c.allLinkedHit += hits(ours, gold);
  // The gold repository is named in the abstract (case and spaces ignored): the links there must agree.
  const text = squash(abstract);
  if (![...gold].some((g) => text.includes(g.replace(/\.git$/, '')))) return;
  c.gold += gold.size;
  c.goldHit += hits(gold, ours);
  c.linked += ours.size;
  c.linkedHit += hits(ours, gold);
}

function evalHfCode(dataDir: string, c: CodeCounts): string[] {
  const dir = join(dataDir, 'hf-daily-api');
  if (!existsSync(dir)) return ['HF daily papers: absent'];
  let skipped = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch {
      skipped++;
      continue;
    }
    // December's exports hold Python-repr strings instead of objects: not read here.
    if (!Array.isArray(data) || data.some((x) => typeof x !== 'object' || x === null)) {
      skipped++;
      continue;
    }
    for (const item of data as Array<{ paper?: { id?: string; title?: string; summary?: string; githubRepo?: string } }>) {
      const p = item.paper;
      if (!p?.summary || !CODE_URL.test(p.summary)) continue;
      scoreCodePaper(c, extractPaperMentions(paperOf(`hf:${p.id}`, p.title ?? null, p.summary)), p.githubRepo ? [p.githubRepo] : [], p.summary);
    }
  }
  return [`HF daily papers: ${skipped} files skipped (not JSON arrays of objects: the December Python-repr exports)`];
}

export const section: EvalSection = {
  name: 'Scientific entities (issue 8)',
  run({ dataDir }): EvalResult {
    const rows: EvalRow[] = [];
    const notes: string[] = [];
    const scierc = evalScierc(dataDir);
    if (scierc) {
      rows.push(...scierc.rows);
      notes.push(...scierc.notes);
    } else notes.push('SciERC: absent, not measured');
    const code: CodeCounts = { urlPapers: 0, goldPapers: 0, gold: 0, goldHit: 0, linked: 0, linkedHit: 0, allGold: 0, allGoldHit: 0, allLinked: 0, allLinkedHit: 0 };
    const acl = evalAcl(dataDir, code);
    if (acl) {
      rows.push(...acl.rows);
      notes.push(...acl.notes);
    } else notes.push('ACL Anthology XML: absent, not measured');
    notes.push(...evalHfCode(dataDir, code));
    if (code.urlPapers) {
      rows.push({ name: 'has_code · gold repo URL in abstract', ...prf(code.goldHit, code.linked, code.gold), gold: code.gold, predicted: code.linked, floors: { precision: 0.98, recall: 0.98 } });
      rows.push({ name: 'has_code · every paper with a gold link', ...prf(code.allGoldHit, code.allLinked, code.allGold), gold: code.allGold, predicted: code.allLinked });
      notes.push(`has_code: ${code.urlPapers} papers whose abstract holds a code-host URL, ${code.goldPapers} with a gold code link (<pwccode> / githubRepo). The floored row keeps the papers whose abstract names the gold repository; on the others the gold names a different (later, unofficial or parent) repository than the one the abstract links.`);
    }
    if (rows.length === 0) return { rows, skipped: 'no SciERC, ACL or HF data found' };
    return { rows, notes };
  },
};
