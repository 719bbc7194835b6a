/**
 * litgraph — the shared vocabulary
 * =================================
 *
 * Every stage of the pipeline (ingest → resolve → extract → graph → threads → outputs) takes and
 * returns the plain data described here, so each stage can be tested and benchmarked alone.
 * The node and edge types, the id scheme and the output files are the contract in DESIGN.md.
 */

/* ------------------------------------------------------------------ graph vocabulary -- */

export const NODE_TYPES = [
  'paper',
  'author',
  'method',
  'dataset',
  'task',
  'metric',
  'repo',
  'venue',
  'org',
  'category',
  'thread',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const EDGE_TYPES = [
  'authored', // author → paper
  'proposes', // paper → method
  'uses', // paper → method
  'evaluates_on', // paper → dataset
  'addresses', // paper → task
  'reports', // paper → metric (value and dataset when the text gives one)
  'has_code', // paper → repo
  'published_in', // paper → venue
  'in_category', // paper → category
  'affiliated', // paper → org
  'cites', // paper → paper
  'builds_on', // paper → paper, inferred: A uses a method that B proposes
  'similar_to', // paper ↔ paper, top-k text similarity
  'in_thread', // paper → thread
] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

/** Whether an edge was stated in the input or derived by litgraph. */
export type Provenance = 'extracted' | 'inferred';

/** Attributes every node carries in graph.json. */
export interface NodeAttributes {
  type: NodeType;
  label: string;
  [key: string]: unknown;
}

/** Attributes every edge carries in graph.json. */
export interface EdgeAttributes {
  type: EdgeType;
  provenance: Provenance;
  /** The span or sentence that supports the edge, when there is one. */
  evidence?: string;
  weight?: number;
  [key: string]: unknown;
}

/* ---------------------------------------------------------------------- provenance -- */

/** Where a record came from: the file, the 1-based line its record starts on, the format. */
export interface SourceRef {
  path: string;
  line: number;
  format: string;
}

/** A fragment of an input that could not become a record, with the reason. */
export interface Reject {
  line: number;
  reason: string;
  /** A short excerpt of the offending text (truncated). */
  excerpt?: string;
}

/* ------------------------------------------------------------------------- records -- */

/** External identifiers a record may carry. All are normalised (arXiv without version, DOI lower-case). */
export interface PaperIds {
  arxiv?: string;
  doi?: string;
  acl?: string;
  openalex?: string;
  s2?: string;
  pmid?: string;
  pmcid?: string;
  /** A format-local id (BibTeX key, GROBID xml:id) used only to resolve references within one file. */
  local?: string;
}

/** A reference in a paper's reference list, or a citing paper; resolved to a corpus paper later. */
export interface ReferenceRecord {
  ids: PaperIds;
  title?: string | null;
  authors?: string[];
  year?: number | null;
  venue?: string | null;
  /** The raw citation string, when the source gives one. */
  raw?: string;
}

/**
 * What a parser yields for one record: exactly the fields its source states, nothing invented.
 * Missing text fields are null; missing lists are empty.
 */
export interface PaperRecord {
  source: SourceRef;
  ids: PaperIds;
  title: string | null;
  abstract: string | null;
  authors: string[];
  /** True when the listing cut the author list short ("et al.", "• 9 authors" without names). */
  authorsTruncated: boolean;
  /** The number of authors the listing states, when it states one. */
  authorCount?: number | null;
  /** ISO 8601 date, possibly partial (YYYY-MM-DD, YYYY-MM, YYYY); null when the source gives no year. */
  date: string | null;
  /** The date exactly as written, kept when it cannot be made ISO (e.g. "Jan 26" with no year). */
  dateText?: string | null;
  venue?: string | null;
  /** Free-text comment lines (page counts, acceptance notes). */
  comments?: string[];
  categories: string[];
  /** Code repository URLs the source states as metadata (not those found in the abstract). */
  codeUrls: string[];
  orgs: string[];
  upvotes?: number | null;
  /** The listing marks the paper as having code (author-profile "Code" flag). */
  hasCode?: boolean;
  keywords?: string[];
  /** Datasets the source itself tags (e.g. ACL Anthology <pwcdataset>), not extracted from text. */
  datasetTags?: { name: string; url?: string }[];
  references?: ReferenceRecord[];
  /** Papers the source says cite this one (e.g. a Semantic Scholar `citations` list). */
  citedBy?: ReferenceRecord[];
}

/** A citation stated apart from any record (AAN `acl.txt`, a citing,cited edge list). */
export interface CitationPair {
  citing: PaperIds;
  cited: PaperIds;
  source: SourceRef;
}

/** What one format's parser returns for one file. */
export interface ParseResult {
  records: PaperRecord[];
  rejects: Reject[];
  citations?: CitationPair[];
}

/* -------------------------------------------------------------------------- papers -- */

/** A conflicting value two sources gave for the same paper; the first kept, all recorded. */
export interface FieldConflict {
  field: string;
  values: string[];
}

/** One unique paper after resolution: the row of papers.jsonl and the `paper` node. */
export interface Paper {
  id: string;
  title: string | null;
  /** Display name: the title, else the name the abstract introduces, else the arXiv id. */
  label: string;
  abstract: string | null;
  authors: string[];
  authorsTruncated: boolean;
  authorCount: number | null;
  arxivId: string | null;
  doi: string | null;
  aclId: string | null;
  openalexId: string | null;
  s2Id: string | null;
  date: string | null;
  dateText: string | null;
  year: number | null;
  venue: string | null;
  comments: string[];
  categories: string[];
  codeUrls: string[];
  orgs: string[];
  upvotes: number | null;
  hasCode: boolean;
  keywords: string[];
  datasetTags: { name: string; url?: string }[];
  /** A paper known only as a reference of a corpus paper. */
  external: boolean;
  sources: SourceRef[];
  /** The keys that merged several records into this paper ("arxiv:2310.14189", "title:…"). */
  mergedBy: string[];
  conflicts: FieldConflict[];
}

/** A citation between two resolved papers. */
export interface CitationEdge {
  citing: string;
  cited: string;
  source: SourceRef;
}

/* ------------------------------------------------------------------------ entities -- */

export type EntityType = 'method' | 'dataset' | 'task' | 'metric' | 'repo' | 'org';

/** The role a mention plays for its paper; it decides the edge type. */
export type MentionRole =
  | 'proposes'
  | 'uses'
  | 'evaluates_on'
  | 'addresses'
  | 'reports'
  | 'has_code'
  | 'affiliated';

/** One entity named in one paper's text: a row of mentions.jsonl. */
export interface Mention {
  paper: string;
  entity: string;
  type: EntityType;
  role: MentionRole;
  /** Character offsets into the paper's abstract, or its title when field is "title". */
  start: number;
  end: number;
  text: string;
  field?: 'abstract' | 'title';
  /** The rule or signal that produced the mention. */
  rule: string;
  confidence: number;
  /** For `reports`: the value and, where the text gives them, the dataset and setting. */
  value?: string;
  dataset?: string;
  setting?: string;
}

/** One real entity after resolution: a graph node. */
export interface Entity {
  id: string;
  type: EntityType;
  label: string;
  aliases: string[];
  mentions: number;
  /** For a variant such as "ImageNet 64×64": the entity it is a variant of. */
  variantOf?: string;
  url?: string;
}

/** Everything the extract stage returns. */
export interface Extraction {
  entities: Entity[];
  mentions: Mention[];
}

/* ------------------------------------------------------------------------- threads -- */

export interface Thread {
  id: string;
  label: string;
  terms: string[];
  size: number;
  papers: string[];
  topMethods: string[];
  topDatasets: string[];
  topTasks: string[];
  years: [number, number] | null;
  central: string[];
}

/* -------------------------------------------------------------------------- report -- */

export interface InputReport {
  path: string;
  format: string | null;
  records: number;
  rejected: Reject[];
  error?: string;
}

export interface Report {
  inputs: InputReport[];
  totals: {
    records: number;
    rejected: number;
    papers: number;
    merged: number;
    nodes: Partial<Record<NodeType, number>>;
    edges: Partial<Record<EdgeType, number>>;
    threads: number;
    modularity: number | null;
  };
  /** How a stage deviated from its exact method on this input, and why (absent when none did). */
  notes?: string[];
}
