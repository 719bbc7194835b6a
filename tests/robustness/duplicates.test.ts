/**
 * Duplicate and conflicting records are merged with the conflict recorded
 * =======================================================================
 *
 * The same arXiv id arrives three times with two different titles (two digest files) and once
 * more from a pasted listing with another abstract and a DOI, plus an exact duplicate entry
 * inside one file. Through `litgraph build`, papers.jsonl holds one paper for the id, every
 * record among its sources, the first title kept, and each disagreement in `conflicts` —
 * nothing silently overwritten. A version suffix (v2) is the same paper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/capture-io.js';

function digestEntry(id: string, title: string, abstract: string): string {
  return [
    '\\\\',
    `arXiv:${id}`,
    'Date: Mon, 9 Mar 2026 11:42:07 GMT   (512kb)',
    '',
    `Title: ${title}`,
    'Authors: Ines Duarte and Kenji Watanabe',
    'Categories: cs.CL',
    '\\\\',
    `  ${abstract}`,
    `\\\\ ( https://arxiv.org/abs/${id} ,  512kb)`,
    '------------------------------------------------------------------------------',
    '',
  ].join('\n');
}

const TITLE_A = 'Router Distillation for Sparse Mixture-of-Experts Translation';
const TITLE_B = 'Distilling Routers for Low-Resource Translation';
const ABSTRACT = 'Sparse mixture-of-experts models overfit their routers when parallel data is scarce.';

let tmp: string;
let out: string;
let papers: Record<string, any>[];
let report: any;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-dup-'));
  const dir = join(tmp, 'in');
  mkdirSync(dir);
  // File a: the paper, an unrelated paper, and the very same entry again.
  writeFileSync(
    join(dir, 'a-digest.txt'),
    digestEntry('2603.04501', TITLE_A, ABSTRACT) + digestEntry('2603.09999', 'An Unrelated Paper About Speech Recognition', 'Speech.') + digestEntry('2603.04501', TITLE_A, ABSTRACT),
  );
  // File b: same id, versioned, another title.
  writeFileSync(join(dir, 'b-digest.txt'), digestEntry('2603.04501v2', TITLE_B, ABSTRACT));
  // File c: same id from a pasted listing, a different abstract and a DOI.
  writeFileSync(
    join(dir, 'c-listing.txt'),
    ['A different abstract of the same paper, as the listing shows it.', '', 'arXiv:2603.04501 - doi: 10.1000/example.1', 'Created: 2026-03-09', ''].join('\n'),
  );
  out = join(tmp, 'out');
  const io = captureIO();
  expect(await main(['build', dir, '-o', out], io)).toBe(0);
  papers = readFileSync(join(out, 'papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('same arXiv id, different titles', () => {
  it('parses every record (nothing dropped at ingest)', () => {
    expect(report.inputs.map((i: any) => [i.path.replace(/.*\//, ''), i.format, i.records])).toEqual([
      ['a-digest.txt', 'arxiv-digest', 3],
      ['b-digest.txt', 'arxiv-digest', 1],
      ['c-listing.txt', 'arxiv-listing', 1],
    ]);
  });

  it('merges them into one paper that keeps every source', () => {
    const matches = papers.filter((p) => p.arxivId === '2603.04501');
    expect(matches).toHaveLength(1);
    const paper = matches[0];
    expect(paper.id).toBe('paper:arxiv:2603.04501');
    expect(paper.sources).toHaveLength(4);
    expect(paper.sources.map((s: any) => s.path.replace(/.*\//, ''))).toEqual(expect.arrayContaining(['a-digest.txt', 'b-digest.txt', 'c-listing.txt']));
    expect(paper.mergedBy).toContain('arxiv:2603.04501');
    expect(paper.doi).toBe('10.1000/example.1');
    expect(report.totals.merged).toBe(3);
    expect(papers.filter((p) => !p.external)).toHaveLength(2);
  });

  it('keeps the first title and records both titles and both abstracts as conflicts', () => {
    const paper = papers.find((p) => p.arxivId === '2603.04501')!;
    expect(paper.title).toBe(TITLE_A);
    const byField = Object.fromEntries(paper.conflicts.map((c: any) => [c.field, c.values]));
    expect(byField.title).toEqual([TITLE_A, TITLE_B]);
    expect(byField.abstract).toHaveLength(2);
    expect(byField.abstract).toContain(ABSTRACT);
  });

  it('does not record a conflict for exact duplicates', () => {
    const other = papers.find((p) => p.arxivId === '2603.09999')!;
    expect(other.sources).toHaveLength(1);
    expect(other.conflicts).toEqual([]);
  });
});
