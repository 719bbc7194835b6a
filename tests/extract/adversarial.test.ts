/**
 * Robustness: every pattern of the extractors on 1 MB adversarial lines (spaces, capitals,
 * digits, punctuation and near-misses of each pattern) returns, with what it returns in bounds:
 * analysis reads the first MAX_TEXT characters of a field, tokens follow each other, and code
 * links come from the whole text. These tests assert no time: a regex that backtracked
 * catastrophically or a step quadratic in 1 MB would not return within vitest's test timeout
 * (vitest.config.ts), and the extraction benchmark (BENCHMARKS.md) measures the speed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/types.js';
import { extractPaperMentions, findInText } from '../../src/extract/index.js';
import { tokenize } from '../../src/extract/text.js';
import { findRepoLinks } from '../../src/extract/repos.js';
import { findAbbreviations } from '../../src/extract/abbrev.js';
import { MAX_TEXT } from '../../src/extract/doc.js';

const MB = 1 << 20;
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

// One line per shape, and near-misses of each pattern (an introducing verb with no name, a metric
// with no value, an unclosed acronym, a URL with no repository, a resolution with no dataset …).
const LINES: Record<string, string> = {
  spaces: fill(' '),
  capitals: fill('A'),
  'capital words': fill('ABC '),
  'camel words': fill('SeaTer '),
  digits: fill('7'),
  'digit words': fill('12 '),
  punctuation: fill('(-'),
  dots: fill('.'),
  hyphens: fill('a-'),
  parentheses: fill('( A ) '),
  'unclosed acronyms': fill('Gated Ranking Network (GRN '),
  'introducing verbs': fill('we propose we present namely dubbed called '),
  'metric values': fill('FID of 2.5 and 3.1 and '),
  'dataset lists': fill('datasets (A, B, and '),
  'evaluation cues': fill('experiments on X, Y and '),
  'resolution variants': fill('ImageNet $64\\times 64$ 64×'),
  'code urls': fill('https://github.com/ '),
  'editions': fill('SemEval-2019 Task 3: '),
  'sentence of everything': fill('We propose X-Net (XN), a novel framework, on CIFAR-10 and the Criteo dataset with FID of 2.5, deployed at Meta. '),
};

function paper(abstract: string): Paper {
  return {
    id: 'paper:adversarial', title: abstract.slice(0, 2000), label: 'adversarial', abstract, authors: [], authorsTruncated: false, authorCount: null,
    arxivId: null, doi: null, aclId: null, openalexId: null, s2Id: null, date: null, dateText: null, year: null, venue: null, comments: [],
    categories: [], codeUrls: [], orgs: [], upvotes: null, hasCode: false, keywords: [], datasetTags: [], external: false, sources: [],
    mergedBy: [], conflicts: [],
  };
}

beforeAll(() => {
  // Load the lexicon and gazetteers once, outside the tests.
  findInText('We propose X-Net on CIFAR-10.', 'abstract');
});

describe('1 MB adversarial lines', () => {
  it.each(Object.keys(LINES))('%s: whole extraction returns mentions inside the analysed prefix', (name) => {
    const line = LINES[name];
    expect(line.length).toBe(MB);
    const mentions = extractPaperMentions(paper(line));
    for (const m of mentions) {
      expect(m.start).toBeGreaterThanOrEqual(0);
      expect(m.end).toBeGreaterThan(m.start);
      // Text mentions come from the analysed prefix; code links may come from anywhere in the text.
      if (m.type !== 'repo') expect(m.end).toBeLessThanOrEqual(MAX_TEXT);
      expect(m.text).toBe((m.field === 'title' ? line.slice(0, 2000) : line).slice(m.start, m.end));
    }
  });

  it.each(Object.keys(LINES))('%s: tokeniser and abbreviations on the analysed prefix, code links on all of it', (name) => {
    const line = LINES[name];
    // analyse() reads at most MAX_TEXT characters of a field; code links are read from the whole text.
    const prefix = line.slice(0, MAX_TEXT);
    const tokens = tokenize(prefix);
    let end = 0;
    for (const t of tokens) {
      expect(t.start).toBeGreaterThanOrEqual(end);
      expect(t.text).toBe(prefix.slice(t.start, t.end));
      end = t.end;
    }
    expect(end).toBeLessThanOrEqual(MAX_TEXT);
    for (const a of findAbbreviations(prefix, tokens)) {
      expect(0 <= a.from && a.from < a.to && a.to <= a.short && a.short < tokens.length).toBe(true);
    }
    for (const link of findRepoLinks(line)) expect(line.slice(link.start, link.end)).toBe(link.text);
  });
});
