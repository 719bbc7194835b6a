/**
 * resolve — one paper, many sources
 * =================================
 *
 * Merges the records of every input into unique papers, keyed on identifiers first (arXiv id
 * without version, DOI, ACL id, OpenAlex id, S2 id, PubMed id), then on the normalised title when
 * the years agree (DESIGN.md "Lessons": entity resolution is the top complaint of graph builders).
 * Every merge keeps its sources and the key that merged them; conflicting values are recorded,
 * never silently overwritten. Reference lists and stated citation pairs are resolved against the
 * corpus by the same keys; what is not in the corpus becomes an `external` paper.
 */
import type { CitationEdge, CitationPair, Paper, PaperIds, PaperRecord, ReferenceRecord, SourceRef } from '../types.js';
import { foldText, paperKeyFromIds, paperKeyFromText } from '../graph/keys.js';
import { mergeRecords } from './merge.js';
import { newPaper } from './paper.js';
import { UnionFind } from './union-find.js';

export interface ResolveResult {
  /** Corpus papers first, then external ones; each group sorted by id. */
  papers: Paper[];
  citations: CitationEdge[];
  /** How many records were absorbed into another record's paper. */
  merged: number;
  /** For every input record (by index), the id of the paper that holds it. */
  recordPaper: string[];
}

/** The identifier kinds that identify a paper on their own, in priority order. */
export const ID_KINDS = ['arxiv', 'doi', 'acl', 'openalex', 's2', 'pmid', 'pmcid'] as const satisfies readonly (keyof PaperIds)[];

/** Titles shorter than this (folded) are too generic to merge on ("Introduction", "Reply"). */
const MIN_TITLE_KEY_LENGTH = 16;

export function titleKey(title: string | null | undefined): string | null {
  if (!title) return null;
  const folded = foldText(title);
  return folded.length >= MIN_TITLE_KEY_LENGTH ? folded : null;
}

function yearOf(date: string | null | undefined): number | null {
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? Number(m[1]) : null;
}

/** Two sets of years are compatible when unknown or within a year (preprint vs. proceedings). */
function yearsCompatible(a: Set<number>, b: Set<number>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  for (const x of a) for (const y of b) if (Math.abs(x - y) <= 1) return true;
  return false;
}

/** Two clusters may merge on title only when no identifier kind names two different papers. */
function idsCompatible(a: Map<string, Set<string>>, b: Map<string, Set<string>>): boolean {
  for (const kind of ID_KINDS) {
    const x = a.get(kind);
    const y = b.get(kind);
    if (x && y && ![...x].some((v) => y.has(v))) return false;
  }
  return true;
}

interface ClusterInfo {
  ids: Map<string, Set<string>>;
  years: Set<number>;
}

/**
 * Groups record indices into papers. Returns, for each record, its cluster root and, for each
 * root, the keys that caused merges.
 */
function clusterRecords(records: readonly PaperRecord[]): { uf: UnionFind; mergeKeys: Map<number, Set<string>> } {
  const uf = new UnionFind(records.length);
  const mergeKeys = new Map<number, Set<string>>();
  const noteKey = (i: number, key: string) => {
    let keys = mergeKeys.get(i);
    if (!keys) mergeKeys.set(i, (keys = new Set()));
    keys.add(key);
  };

  // 1. Identifiers: any shared identifier joins two records.
  const firstWithKey = new Map<string, number>();
  records.forEach((record, i) => {
    for (const kind of ID_KINDS) {
      const value = record.ids[kind];
      if (!value) continue;
      const key = `${kind}:${value}`;
      const first = firstWithKey.get(key);
      if (first === undefined) firstWithKey.set(key, i);
      else {
        uf.union(first, i);
        noteKey(first, key);
      }
    }
  });

  // 2. Titles: clusters with the same normalised title merge when years and ids agree.
  const info = new Map<number, ClusterInfo>();
  records.forEach((record, i) => {
    const root = uf.find(i);
    let c = info.get(root);
    if (!c) info.set(root, (c = { ids: new Map(), years: new Set() }));
    for (const kind of ID_KINDS) {
      const value = record.ids[kind];
      if (!value) continue;
      let set = c.ids.get(kind);
      if (!set) c.ids.set(kind, (set = new Set()));
      set.add(value);
    }
    const year = yearOf(record.date);
    if (year !== null) c.years.add(year);
  });
  const byTitle = new Map<string, number[]>();
  records.forEach((record, i) => {
    const key = titleKey(record.title);
    if (!key) return;
    const list = byTitle.get(key);
    if (list) list.push(i);
    else byTitle.set(key, [i]);
  });
  for (const [key, members] of byTitle) {
    for (let a = 1; a < members.length; a++) {
      for (let b = 0; b < a; b++) {
        const ra = uf.find(members[a]);
        const rb = uf.find(members[b]);
        if (ra === rb) continue;
        const ia = info.get(ra)!;
        const ib = info.get(rb)!;
        if (!yearsCompatible(ia.years, ib.years) || !idsCompatible(ia.ids, ib.ids)) continue;
        uf.union(ra, rb);
        const root = uf.find(ra);
        const merged: ClusterInfo = { ids: new Map(ia.ids), years: new Set([...ia.years, ...ib.years]) };
        for (const [kind, values] of ib.ids) merged.ids.set(kind, new Set([...(merged.ids.get(kind) ?? []), ...values]));
        info.set(root, merged);
        noteKey(members[b], `title:${key}`);
        break;
      }
    }
  }
  return { uf, mergeKeys };
}

/** Looks papers up by any identifier or title key; the index every reference resolves against. */
export class PaperIndex {
  private readonly byKey = new Map<string, string>();

  add(paper: { id: string; title: string | null; year: number | null }, ids: PaperIds): void {
    for (const kind of ID_KINDS) {
      const value = ids[kind];
      if (value && !this.byKey.has(`${kind}:${value}`)) this.byKey.set(`${kind}:${value}`, paper.id);
    }
    const key = titleKey(paper.title);
    if (key) {
      // A title alone is ambiguous across years: index it with and without the year.
      if (!this.byKey.has(`title:${key}`)) this.byKey.set(`title:${key}`, paper.id);
      if (paper.year !== null && !this.byKey.has(`title:${key}:${paper.year}`)) this.byKey.set(`title:${key}:${paper.year}`, paper.id);
    }
  }

  lookup(ids: PaperIds, title?: string | null, year?: number | null): string | null {
    for (const kind of ID_KINDS) {
      const value = ids[kind];
      if (value) {
        const hit = this.byKey.get(`${kind}:${value}`);
        if (hit) return hit;
      }
    }
    const key = titleKey(title);
    if (!key) return null;
    if (year) return this.byKey.get(`title:${key}:${year}`) ?? this.byKey.get(`title:${key}:${year - 1}`) ?? this.byKey.get(`title:${key}:${year + 1}`) ?? null;
    return this.byKey.get(`title:${key}`) ?? null;
  }
}

function externalPaper(ref: ReferenceRecord, source: SourceRef): Paper {
  const ids = ref.ids;
  const id = paperKeyFromIds(ids) ?? paperKeyFromText(ref.title ?? ref.raw ?? null, ref.title ? null : ref.raw ?? '');
  const title = ref.title ?? null;
  return newPaper({
    id,
    title,
    label: title ?? ids.arxiv ?? ids.doi ?? ids.acl ?? ids.openalex ?? ids.s2 ?? ref.raw?.slice(0, 80) ?? id,
    authors: ref.authors ?? [],
    arxivId: ids.arxiv ?? null,
    doi: ids.doi ?? null,
    aclId: ids.acl ?? null,
    openalexId: ids.openalex ?? null,
    s2Id: ids.s2 ?? null,
    date: ref.year ? String(ref.year) : null,
    year: ref.year ?? null,
    venue: ref.venue ?? null,
    external: true,
    sources: [source],
  });
}

/**
 * Resolves records and citation pairs into unique papers and paper→paper citations.
 * Pure and deterministic: the result depends on the records, not on how they are ordered
 * beyond their own (path, line) provenance.
 */
export function resolvePapers(records: readonly PaperRecord[], pairs: readonly CitationPair[] = []): ResolveResult {
  const { uf, mergeKeys } = clusterRecords(records);

  const members = new Map<number, number[]>();
  records.forEach((_, i) => {
    const root = uf.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  });

  const recordPaper: string[] = new Array(records.length);
  const corpus = new Map<string, Paper>();
  const index = new PaperIndex();
  let merged = 0;
  for (const [, indices] of members) {
    const keys = new Set<string>();
    for (const i of indices) for (const k of mergeKeys.get(i) ?? []) keys.add(k);
    const group = indices.map((i) => records[i]);
    let paper = mergeRecords(group, [...keys].sort());
    // Two distinct clusters can only share an id by hash collision of identical text; keep both.
    if (corpus.has(paper.id)) paper = { ...paper, id: `${paper.id}:${indices[0]}` };
    corpus.set(paper.id, paper);
    merged += indices.length - 1;
    for (const i of indices) recordPaper[i] = paper.id;
    const ids: PaperIds = {};
    for (const r of group) for (const kind of ID_KINDS) if (r.ids[kind] && !ids[kind]) ids[kind] = r.ids[kind];
    index.add(paper, ids);
    // Every record's own ids resolve too, not only the first of each kind.
    for (const r of group) index.add(paper, r.ids);
  }

  const external = new Map<string, Paper>();
  const externalIndex = new PaperIndex();
  const resolveRef = (ref: ReferenceRecord, source: SourceRef): string | null => {
    const hit = index.lookup(ref.ids, ref.title, ref.year) ?? externalIndex.lookup(ref.ids, ref.title, ref.year);
    if (hit) return hit;
    if (!paperKeyFromIds(ref.ids) && !titleKey(ref.title) && !ref.raw) return null;
    const paper = externalPaper(ref, source);
    const existing = external.get(paper.id);
    if (existing) return existing.id;
    external.set(paper.id, paper);
    externalIndex.add(paper, ref.ids);
    return paper.id;
  };

  const seen = new Set<string>();
  const citations: CitationEdge[] = [];
  const cite = (citing: string | null, cited: string | null, source: SourceRef) => {
    if (!citing || !cited || citing === cited) return;
    const key = `${citing}\u0000${cited}`;
    if (seen.has(key)) return;
    seen.add(key);
    citations.push({ citing, cited, source });
  };
  records.forEach((record, i) => {
    const self = recordPaper[i];
    for (const ref of record.references ?? []) cite(self, resolveRef(ref, record.source), record.source);
    for (const ref of record.citedBy ?? []) cite(resolveRef(ref, record.source), self, record.source);
  });
  for (const pair of pairs) {
    cite(
      resolveRef({ ids: pair.citing }, pair.source),
      resolveRef({ ids: pair.cited }, pair.source),
      pair.source,
    );
  }

  const byId = (a: Paper, b: Paper) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const papers = [...[...corpus.values()].sort(byId), ...[...external.values()].sort(byId)];
  citations.sort((a, b) => (a.citing < b.citing ? -1 : a.citing > b.citing ? 1 : a.cited < b.cited ? -1 : a.cited > b.cited ? 1 : 0));
  return { papers, citations, merged, recordPaper };
}
