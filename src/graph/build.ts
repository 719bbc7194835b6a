/**
 * graph — resolved papers + extracted entities → one typed graphology graph
 * =========================================================================
 *
 * A directed multi-graph: every node has `type` and `label`, every edge `type` and `provenance`
 * (`extracted` when the input states it, `inferred` when litgraph derives it) plus its evidence.
 * Keys are the stable ids of keys.ts; edge keys are `<type>:<source>-><target>` (with a suffix
 * where one pair can carry several edges of a type, e.g. two reported results). Nodes and edges
 * are inserted in key order, so the same inputs export byte-identical graphs.
 */
import { MultiDirectedGraph } from 'graphology';
import type { CitationEdge, EdgeAttributes, EdgeType, Extraction, Mention, NodeAttributes, Paper } from '../types.js';
import { withDictionaryAdjacency } from './adjacency.js';
import { authorKey, categoryKey, joined, normaliseRepoUrl, orgKey, repoKey, slug, venueKey } from './keys.js';

export type LitGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** An empty litgraph graph (neighbour objects in dictionary mode: adjacency.ts). */
export function newLitGraph(): LitGraph {
  return withDictionaryAdjacency(new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false }));
}

/** An edge's attributes other than its type. */
type EdgeDetails = Omit<EdgeAttributes, 'type' | 'provenance'> & { provenance: EdgeAttributes['provenance'] };

export interface GraphInput {
  papers: readonly Paper[];
  extraction: Extraction;
  citations: readonly CitationEdge[];
}

/** Collects nodes and edges before inserting them in key order. */
class GraphDraft {
  readonly nodes = new Map<string, NodeAttributes>();
  readonly edges = new Map<string, { source: string; target: string; attributes: EdgeAttributes }>();

  node(key: string, attributes: NodeAttributes): void {
    const existing = this.nodes.get(key);
    if (existing) {
      // Later sightings only fill gaps; the first label stays.
      for (const [k, v] of Object.entries(attributes)) if (existing[k] === undefined) existing[k] = v;
    } else this.nodes.set(key, { ...attributes });
  }

  edge(type: EdgeType, source: string, target: string, attributes: EdgeDetails, suffix = ''): void {
    const key = joined(type, ':', source, '->', target, suffix ? '#' : '', suffix);
    if (this.edges.has(key)) return;
    this.edges.set(key, { source, target, attributes: { type, ...attributes } });
  }

  toGraph(): LitGraph {
    const graph: LitGraph = newLitGraph();
    for (const key of [...this.nodes.keys()].sort()) graph.addNode(key, this.nodes.get(key)!);
    for (const key of [...this.edges.keys()].sort()) {
      const { source, target, attributes } = this.edges.get(key)!;
      if (source === target) continue;
      graph.addEdgeWithKey(key, source, target, attributes);
    }
    return graph;
  }
}

/** The paper node's attributes: what a viewer, a query or Neo4j needs without papers.jsonl. */
function paperAttributes(p: Paper): NodeAttributes {
  const attrs: NodeAttributes = { type: 'paper', label: p.label, title: p.title, year: p.year, date: p.date };
  if (p.abstract) attrs.abstract = p.abstract;
  if (p.arxivId) attrs.arxivId = p.arxivId;
  if (p.doi) attrs.doi = p.doi;
  if (p.aclId) attrs.aclId = p.aclId;
  if (p.venue) attrs.venue = p.venue;
  if (p.authors.length) attrs.authors = p.authors;
  if (p.authorsTruncated) attrs.authorsTruncated = true;
  if (p.authorCount !== null) attrs.authorCount = p.authorCount;
  if (p.upvotes !== null) attrs.upvotes = p.upvotes;
  if (p.hasCode) attrs.hasCode = true;
  if (p.external) attrs.external = true;
  return attrs;
}

function sourceEvidence(p: Paper): string {
  const s = p.sources[0];
  return s ? joined(s.format, ' ', s.path, ':', s.line) : 'metadata';
}

/** The sentence of `text` around a span: the evidence shown for an extracted edge. */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !(isStop(text.charCodeAt(from - 1)) && spaceAt(text, from))) from--;
  let to = end;
  // A full stop ends the sentence only before a space or the end ("2.51" does not).
  while (to < text.length && !(isStop(text.charCodeAt(to)) && spaceAt(text, to + 1))) to++;
  return text.slice(from, Math.min(text.length, to + 1)).trim();
}

/** ".", "!" or "?" (read by character code: this runs over every extracted edge's abstract). */
function isStop(c: number): boolean {
  return c === 46 || c === 33 || c === 63;
}

const SPACE = /\s/;
/** Whether text[i] is white space (\s), the end of the text counting as space. */
function spaceAt(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(text[i]);
}

function addMetadataLinks(draft: GraphDraft, p: Paper): void {
  const evidence = sourceEvidence(p);
  p.authors.forEach((name, position) => {
    const key = authorKey(name);
    if (key === 'author:') return;
    draft.node(key, { type: 'author', label: name });
    draft.edge('authored', key, p.id, { provenance: 'extracted', evidence, position });
  });
  if (p.venue) {
    draft.node(venueKey(p.venue), { type: 'venue', label: p.venue });
    draft.edge('published_in', p.id, venueKey(p.venue), { provenance: 'extracted', evidence });
  }
  for (const code of p.categories) {
    draft.node(categoryKey(code), { type: 'category', label: code });
    draft.edge('in_category', p.id, categoryKey(code), { provenance: 'extracted', evidence });
  }
  for (const org of p.orgs) {
    if (!slug(org)) continue;
    draft.node(orgKey(org), { type: 'org', label: org });
    draft.edge('affiliated', p.id, orgKey(org), { provenance: 'extracted', evidence, rule: 'listing-metadata' });
  }
  for (const url of p.codeUrls) {
    const repo = normaliseRepoUrl(url);
    if (!repo) continue;
    draft.node(repoKey(repo), { type: 'repo', label: repo, url: `https://${repo}` });
    draft.edge('has_code', p.id, repoKey(repo), { provenance: 'extracted', evidence, rule: 'source-metadata' });
  }
  for (const tag of p.datasetTags) {
    const key = joined('dataset:', slug(tag.name));
    if (key === 'dataset:') continue;
    draft.node(key, { type: 'dataset', label: tag.name, ...(tag.url ? { url: tag.url } : {}) });
    draft.edge('evaluates_on', p.id, key, { provenance: 'extracted', evidence, rule: 'source-tag' });
  }
}

/** One edge per (paper, entity, role); a `reports` edge per stated value. */
function addMentionLinks(draft: GraphDraft, mentions: readonly Mention[], abstracts: Map<string, string>): void {
  const groups = new Map<string, Mention[]>();
  for (const m of mentions) {
    const suffix = m.role === 'reports' ? `${m.value ?? ''}@${m.dataset ?? ''}${m.setting ? `/${m.setting}` : ''}` : '';
    const key = `${m.role}\u0000${m.paper}\u0000${m.entity}\u0000${suffix}`;
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  for (const [key, list] of groups) {
    const first = list[0];
    const suffix = key.split('\u0000')[3];
    const text = first.field === 'title' ? undefined : abstracts.get(first.paper);
    const attributes: EdgeDetails = {
      provenance: 'extracted',
      evidence: text ? sentenceAround(text, first.start, first.end) : first.text,
      rule: first.rule,
      confidence: Math.max(...list.map((m) => m.confidence)),
      mentions: list.length,
    };
    if (first.value !== undefined) attributes.value = first.value;
    if (first.dataset !== undefined) attributes.dataset = first.dataset;
    if (first.setting !== undefined) attributes.setting = first.setting;
    draft.edge(first.role, first.paper, first.entity, attributes, suffix);
  }
}

/**
 * A method "proposed" by more papers than this is no one paper's contribution (a shared name, or
 * an extraction slip repeated across a corpus): it gives no builds_on edges. This also keeps the
 * edge count linear in the papers that use a method rather than quadratic.
 */
export const MAX_PROPOSERS_FOR_BUILDS_ON = 3;

/**
 * A paper is not where a method comes from when more corpus papers than this used the method in
 * earlier years: a paper of 2001 that "presents MT systems" is not the origin of the MT systems
 * papers of the 1990s used, and later users do not build on it. (A few earlier users are allowed:
 * the dates of preprints and proceedings disagree.)
 */
export const MAX_EARLIER_USERS = 2;

/** A name as written, for comparing spellings: its slug without hyphens or a plural "s" ("GNNs" → "gnn"). */
function spelling(text: string): string {
  const compact = slug(text).replace(/-/g, '');
  return compact.length >= 3 && compact.endsWith('s') ? compact.slice(0, -1) : compact;
}

/**
 * builds_on: paper A uses a method that paper B in the corpus proposes (B earlier or undated),
 * and writes it as B named it: "uses GloVe" of the paper that proposed "GloVe", not "sentence
 * representations" that resolution joined to an "SR" a paper developed (for sentence repetition),
 * and not "a semantic lexicon" that a paper presented in lower case, naming nothing.
 */
function addBuildsOn(draft: GraphDraft, mentions: readonly Mention[], years: Map<string, number | null>): void {
  const proposers = new Map<string, Set<string>>();
  const users = new Map<string, Set<string>>();
  const proposedAs = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (m.role !== 'proposes' && m.role !== 'uses') continue;
    const byEntity = m.role === 'proposes' ? proposers : users;
    let set = byEntity.get(m.entity);
    if (!set) byEntity.set(m.entity, (set = new Set()));
    set.add(m.paper);
    // A name is written with a capital or a digit; "we present a semantic lexicon" names none.
    if (m.role === 'proposes' && /[A-Z0-9]/.test(m.text)) {
      let forms = proposedAs.get(m.entity);
      if (!forms) proposedAs.set(m.entity, (forms = new Set()));
      forms.add(spelling(m.text));
    }
  }
  // The proposers each method can come from: none that more than MAX_EARLIER_USERS papers preceded in using it.
  const origins = new Map<string, string[]>();
  for (const [entity, set] of proposers) {
    if (set.size > MAX_PROPOSERS_FOR_BUILDS_ON) continue;
    const used = users.get(entity);
    if (!used) continue;
    origins.set(entity, [...set].filter((proposer) => {
      const year = years.get(proposer);
      if (year == null) return true;
      let earlier = 0;
      for (const user of used) {
        const y = years.get(user);
        if (y != null && y < year && ++earlier > MAX_EARLIER_USERS) return false;
      }
      return true;
    }));
  }
  for (const m of mentions) {
    if (m.role !== 'uses') continue;
    const origin = origins.get(m.entity);
    if (!origin || !proposedAs.get(m.entity)?.has(spelling(m.text))) continue;
    for (const proposer of origin) {
      if (proposer === m.paper) continue;
      const a = years.get(m.paper);
      const b = years.get(proposer);
      if (a != null && b != null && b > a) continue; // a paper cannot build on a later one
      draft.edge('builds_on', m.paper, proposer, { provenance: 'inferred', evidence: `uses ${m.text}`, via: m.entity, rule: 'uses-proposed-method' });
    }
  }
}

export function buildGraph(input: GraphInput): LitGraph {
  const draft = new GraphDraft();
  const abstracts = new Map<string, string>();
  const years = new Map<string, number | null>();
  for (const p of input.papers) {
    draft.node(p.id, paperAttributes(p));
    if (p.abstract) abstracts.set(p.id, p.abstract);
    years.set(p.id, p.year);
  }
  for (const p of input.papers) addMetadataLinks(draft, p);
  for (const e of input.extraction.entities) {
    const attrs: NodeAttributes = { type: e.type, label: e.label, aliases: e.aliases, mentions: e.mentions };
    if (e.variantOf) attrs.variantOf = e.variantOf;
    if (e.url) attrs.url = e.url;
    else if (e.type === 'repo') attrs.url = `https://${e.id.slice('repo:'.length)}`;
    draft.node(e.id, attrs);
  }
  addMentionLinks(draft, input.extraction.mentions, abstracts);
  addBuildsOn(draft, input.extraction.mentions, years);
  for (const c of input.citations) draft.edge('cites', c.citing, c.cited, { provenance: 'extracted', evidence: joined(c.source.format, ' ', c.source.path, ':', c.source.line) });
  return draft.toGraph();
}
