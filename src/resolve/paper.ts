/**
 * A Paper with every field at its empty default: the one place that lists them, for papers made
 * outside merging (external references, benchmark and test corpora).
 */
import type { Paper } from '../types.js';

export function newPaper({ id, ...fields }: Pick<Paper, 'id'> & Partial<Paper>): Paper {
  // id first, so papers.jsonl rows read the same whichever way a paper was made.
  return {
    id,
    title: null,
    label: fields.title ?? id,
    abstract: null,
    authors: [],
    authorsTruncated: false,
    authorCount: null,
    arxivId: null,
    doi: null,
    aclId: null,
    openalexId: null,
    s2Id: null,
    date: null,
    dateText: null,
    year: null,
    venue: null,
    comments: [],
    categories: [],
    codeUrls: [],
    orgs: [],
    upvotes: null,
    hasCode: false,
    keywords: [],
    datasetTags: [],
    external: false,
    sources: [],
    mergedBy: [],
    conflicts: [],
    ...fields,
  };
}
