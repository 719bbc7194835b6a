/**
 * The foundation's acceptance numbers on the five bundled seed listings (issue 2): records per
 * file, merges across the two Hugging Face pages, untitled papers' labels, repos, node types.
 */
import { describe, expect, it } from 'vitest';
import { buildSamples } from '../helpers/seeds.js';

describe('litgraph build on the seed listings', () => {
  const result = buildSamples();
  const { report, papers, graph } = result;

  it('detects each file as its own format and parses every record: 10, 38, 49, 22, 9', () => {
    expect(report.inputs.map((i) => [i.path.replace(/.*\//, '').slice(0, 3), i.format, i.records, i.rejected.length, i.error])).toEqual([
      ['000', 'arxiv-listing', 10, 0, undefined],
      ['001', 'hf-page', 38, 0, undefined],
      ['002', 'hf-page', 49, 0, undefined],
      ['003', 'author-profile', 22, 0, undefined],
      ['004', 'abstract-lines', 9, 0, undefined],
    ]);
    expect(report.totals.records).toBe(128);
  });

  it('merges the two papers listed on both Hugging Face pages, keeping both sources', () => {
    expect(report.totals.papers).toBe(126);
    expect(report.totals.merged).toBe(2);
    const merged = papers.filter((p) => p.sources.length > 1);
    expect(merged).toHaveLength(2);
    for (const p of merged) {
      expect(p.sources.map((s) => s.path.replace(/.*\//, '').slice(0, 3)).sort()).toEqual(['001', '002']);
      expect(p.mergedBy.length).toBeGreaterThan(0);
      // The page with metadata gives the date the other lacks.
      expect(p.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('writes one paper per line with unique ids that are graph node keys', () => {
    const ids = papers.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(graph.getNodeAttribute(id, 'type')).toBe('paper');
  });

  it('marks untitled papers and labels them with the name their abstract introduces', () => {
    const untitled = papers.filter((p) => p.title === null);
    expect(untitled).toHaveLength(19);
    const labels = untitled.map((p) => p.label);
    for (const name of ['SEATER', 'CETNet', 'GZS-TV', 'SHARK', 'GACN', 'InterFormer', 'SIVAE', 'AdaTT']) expect(labels).toContain(name);
    // A label is never an invented title: it is a name from the text or an identifier.
    for (const p of untitled) {
      const opening = p.label.endsWith('…') && p.abstract!.startsWith(p.label.slice(0, -1));
      expect(p.abstract!.includes(p.label) || p.label === `arXiv:${p.arxivId}` || opening).toBe(true);
    }
  });

  it('turns GitHub links into normalised repo nodes linked by has_code', () => {
    const repos = graph.filterNodes((_, a) => a.type === 'repo');
    expect(repos).toContain('repo:github.com/hkuds/llmrec');
    expect(repos).toContain('repo:github.com/zknus/neurips-2023-hang-robustness');
    for (const key of repos) {
      expect(key).toBe(key.toLowerCase());
      expect(key).not.toMatch(/\.git$|[.,;)]$/);
      expect(graph.inEdges(key).some((e) => graph.getEdgeAttribute(e, 'type') === 'has_code')).toBe(true);
    }
  });

  it('builds paper, author, repo, venue, category and org nodes with typed edges', () => {
    for (const type of ['paper', 'author', 'repo', 'venue', 'category', 'org'] as const) expect(report.totals.nodes[type]).toBeGreaterThan(0);
    for (const type of ['authored', 'has_code', 'published_in', 'in_category', 'affiliated'] as const) expect(report.totals.edges[type]).toBeGreaterThan(0);
    graph.forEachNode((_, a) => {
      expect(typeof a.type).toBe('string');
      expect(typeof a.label).toBe('string');
    });
    graph.forEachEdge((key, a, source, target) => {
      expect(key.startsWith(`${a.type}:`)).toBe(true);
      expect(['extracted', 'inferred']).toContain(a.provenance);
      if (a.type === 'authored') expect(graph.getNodeAttribute(source, 'type')).toBe('author');
      if (a.type === 'published_in') expect(graph.getNodeAttribute(target, 'type')).toBe('venue');
    });
    expect(graph.hasNode('venue:cikm-2023')).toBe(true);
    expect(graph.inDegree('venue:cikm-2023')).toBe(2);
  });

  it('keeps every record: each source line of each file points at exactly one paper', () => {
    const sources = papers.flatMap((p) => p.sources.map((s) => `${s.path}:${s.line}`));
    expect(sources).toHaveLength(128);
    expect(new Set(sources).size).toBe(128);
  });
});
