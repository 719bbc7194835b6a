/** Builds a litgraph graph from a small JSON fixture of papers and citations (tests/fixtures/threads/). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGraph, type LitGraph } from '../../src/graph/build.js';
import { newPaper } from '../../src/resolve/paper.js';
import type { CitationEdge, Paper } from '../../src/types.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'threads');

export interface FixturePaper {
  id: string;
  title: string;
  abstract?: string;
  year?: number;
  authors?: string[];
}

export function makePaper(p: FixturePaper): Paper {
  return newPaper({
    id: p.id,
    title: p.title,
    label: p.title,
    abstract: p.abstract ?? null,
    authors: p.authors ?? [],
    date: p.year ? String(p.year) : null,
    year: p.year ?? null,
    sources: [{ path: 'fixture', line: 1, format: 'fixture' }],
  });
}

export function graphFrom(papers: FixturePaper[], cites: [string, string][]): LitGraph {
  const citations: CitationEdge[] = cites.map(([citing, cited], i) => ({ citing, cited, source: { path: 'fixture', line: i + 1, format: 'fixture' } }));
  return buildGraph({ papers: papers.map(makePaper), extraction: { entities: [], mentions: [] }, citations });
}

export function loadFixture(name: string): LitGraph {
  const data = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as { papers: FixturePaper[]; cites: [string, string][] };
  return graphFrom(data.papers, data.cites);
}
