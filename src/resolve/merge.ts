/**
 * Folds the records of one paper into a Paper. The first record (in input order) wins each
 * field; every disagreement is kept in `conflicts` so nothing is silently overwritten.
 */
import type { FieldConflict, Paper, PaperIds, PaperRecord } from '../types.js';
import { foldText, paperKeyFromIds, paperKeyFromText } from '../graph/keys.js';

function uniq<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** The richer of two dates: a full date beats a year; the first record wins among equals. */
function pickDate(records: readonly PaperRecord[]): string | null {
  let best: string | null = null;
  for (const r of records) if (r.date && (!best || r.date.length > best.length)) best = r.date;
  return best;
}

function firstOf<T>(values: readonly (T | null | undefined)[]): T | null {
  for (const v of values) if (v !== null && v !== undefined) return v;
  return null;
}

/** Records a conflict when sources give different values for a text field (compared folded). */
function conflictOf(field: string, values: readonly (string | null | undefined)[]): FieldConflict | null {
  const distinct = new Map<string, string>();
  for (const v of values) if (v) {
    const folded = foldText(v);
    if (!distinct.has(folded)) distinct.set(folded, v);
  }
  return distinct.size > 1 ? { field, values: [...distinct.values()] } : null;
}

export function mergeRecords(records: readonly PaperRecord[], mergedBy: string[]): Paper {
  const ids: PaperIds = {};
  for (const r of records) for (const [kind, value] of Object.entries(r.ids) as [keyof PaperIds, string][]) {
    if (value && kind !== 'local' && !ids[kind]) ids[kind] = value;
  }
  const title = firstOf(records.map((r) => r.title));
  const abstract = firstOf(records.map((r) => r.abstract));
  // The most complete author list wins; a truncated list never beats a full one.
  const withAuthors = records.filter((r) => r.authors.length > 0);
  const full = withAuthors.find((r) => !r.authorsTruncated);
  const authorSource = full ?? [...withAuthors].sort((a, b) => b.authors.length - a.authors.length)[0];
  const authors = authorSource ? authorSource.authors : [];
  const authorCount = firstOf(records.map((r) => r.authorCount ?? null)) ?? (full ? full.authors.length : null);
  const date = pickDate(records);
  const year = date ? Number(date.slice(0, 4)) : null;

  // A single record cannot disagree with itself: skip the folding work for the common case.
  const conflicts = records.length < 2 ? [] : [
    conflictOf('title', records.map((r) => r.title)),
    conflictOf('abstract', records.map((r) => r.abstract)),
    conflictOf('date', records.map((r) => r.date)),
    ...(['arxiv', 'doi', 'acl'] as const).map((k) => conflictOf(`ids.${k}`, records.map((r) => r.ids[k]))),
  ].filter((c): c is FieldConflict => c !== null);

  const id = paperKeyFromIds(ids) ?? paperKeyFromText(title, abstract);
  return {
    id,
    title,
    // Provisional: the pipeline replaces it with the name the abstract introduces for untitled papers.
    label: title ?? ids.arxiv ?? id,
    abstract,
    authors,
    authorsTruncated: authorSource ? authorSource.authorsTruncated && !full : records.some((r) => r.authorsTruncated),
    authorCount,
    arxivId: ids.arxiv ?? null,
    doi: ids.doi ?? null,
    aclId: ids.acl ?? null,
    openalexId: ids.openalex ?? null,
    s2Id: ids.s2 ?? null,
    date,
    dateText: date ? null : firstOf(records.map((r) => r.dateText ?? null)),
    year: Number.isFinite(year) ? year : null,
    venue: firstOf(records.map((r) => r.venue ?? null)),
    comments: uniq(records.flatMap((r) => r.comments ?? [])),
    categories: uniq(records.flatMap((r) => r.categories)),
    codeUrls: uniq(records.flatMap((r) => r.codeUrls)),
    orgs: uniq(records.flatMap((r) => r.orgs)),
    upvotes: firstOf(records.map((r) => r.upvotes ?? null)),
    hasCode: records.some((r) => r.hasCode === true),
    keywords: uniq(records.flatMap((r) => r.keywords ?? [])),
    datasetTags: uniq(records.flatMap((r) => r.datasetTags ?? []).map((t) => JSON.stringify(t))).map((s) => JSON.parse(s)),
    external: false,
    sources: records.map((r) => r.source),
    mergedBy,
    conflicts,
  };
}
