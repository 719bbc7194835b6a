/**
 * The author-profile title/author split rule (src/ingest/author-profile.ts), as a table of
 * glued lines: camel-case titles, titles ending in capitals or digits, tricky personal names.
 */
import { describe, expect, it } from 'vitest';
import { isPersonalName, parseAuthorList, splitTitleAuthors } from '../../src/ingest/author-profile.js';

// [glued line, title, authors, et al.] — null title: no split may be found.
const SPLITS: [string, string | null, string[], boolean][] = [
  ['LeanVAE: An Ultra-Efficient Reconstruction VAE for Video Diffusion ModelsYu Cheng, Fajie Yuan', 'LeanVAE: An Ultra-Efficient Reconstruction VAE for Video Diffusion Models', ['Yu Cheng', 'Fajie Yuan'], false],
  ['VARD: Efficient and Dense Fine-Tuning for Diffusion Models with Value-based RLFengyuan Dai, Zifeng Zhuang, Yufei Huang et al.', 'VARD: Efficient and Dense Fine-Tuning for Diffusion Models with Value-based RL', ['Fengyuan Dai', 'Zifeng Zhuang', 'Yufei Huang'], true],
  ['kNN-Embed: Locally Smoothed Embedding Mixtures For Multi-interest Candidate RetrievalXiao Wang, Alice Smith', 'kNN-Embed: Locally Smoothed Embedding Mixtures For Multi-interest Candidate Retrieval', ['Xiao Wang', 'Alice Smith'], false],
  // A camel-case word right before the authors: "Mind…" is a candidate that must fail.
  ['Learning to Play Go with AlphaZeroDavid Silver, Julian Schrittwieser', 'Learning to Play Go with AlphaZero', ['David Silver', 'Julian Schrittwieser'], false],
  ['Deep Video Recommendations on YouTubePaul Covington, Jay Adams, Emre Sargin', 'Deep Video Recommendations on YouTube', ['Paul Covington', 'Jay Adams', 'Emre Sargin'], false],
  // Titles ending in an acronym, a digit, punctuation.
  ['Fine-Tuning Language Models from Human Preferences with PPOJohn Schulman, Filip Wolski', 'Fine-Tuning Language Models from Human Preferences with PPO', ['John Schulman', 'Filip Wolski'], false],
  ['Technical Report on GPT-4Alec Radford et al.', 'Technical Report on GPT-4', ['Alec Radford'], true],
  ['Is Attention All You Need?Noam Shazeer, Ashish Vaswani', 'Is Attention All You Need?', ['Noam Shazeer', 'Ashish Vaswani'], false],
  ['Recommendation as Language Processing (RLP)Shijie Geng, Shuchang Liu', 'Recommendation as Language Processing (RLP)', ['Shijie Geng', 'Shuchang Liu'], false],
  // Names: initials first, particles, Mc/O' surnames, hyphens, accents, "and".
  ['The Lord of the RingsJ. R. R. Tolkien', 'The Lord of the Rings', ['J. R. R. Tolkien'], false],
  ['Dense Passage RetrievalMaarten de Rijke, Ming-Wei Chang and Zoë O\'Brien', 'Dense Passage Retrieval', ['Maarten de Rijke', 'Ming-Wei Chang', "Zoë O'Brien"], false],
  ['Graph Signal ProcessingCallum McDonald, Łukasz Kaiser', 'Graph Signal Processing', ['Callum McDonald', 'Łukasz Kaiser'], false],
  // Commas and "and" in the title do not fool the rule.
  ['Pruning, Expanding and MaskingBinzong Geng, Fajie Yuan', 'Pruning, Expanding and Masking', ['Binzong Geng', 'Fajie Yuan'], false],
  // No author list, or a single-word "name": no split.
  ['A Title With No Authors At All', null, [], false],
  ['StackRec: Deep Stacking', null, [], false],
  ['Scaling LawsMadonna', null, [], false],
  ['', null, [], false],
];

describe('splitTitleAuthors', () => {
  it.each(SPLITS)('%s', (line, title, authors, truncated) => {
    const split = splitTitleAuthors(line);
    if (title === null) {
      expect(split).toBeNull();
    } else {
      expect(split).toEqual({ title, authors, truncated });
    }
  });

  it('refuses an over-long line without scanning it', () => {
    const started = performance.now();
    expect(splitTitleAuthors('Ab'.repeat(500_000))).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('personal names and author lists', () => {
  const NAMES: [string, boolean][] = [
    ['Yu Cheng', true],
    ['Kevin K. Yang', true],
    ['J. Smith', true],
    ['Vincent van Gogh', true],
    ['Martin Luther King Jr.', true],
    ['Madonna', false],
    ['de Rijke', false],
    ['Efficient Training of Very Deep Sequential Recommender', false],
    ['Rec: Efficient Training', false],
    ['MindAlice McDonald', false],
  ];
  it.each(NAMES)('%s is a personal name: %s', (name, expected) => {
    expect(isPersonalName(name)).toBe(expected);
  });

  it('reads et al. as a truncated list and rejects empty items', () => {
    expect(parseAuthorList('Mingyang Hu, Fajie Yuan, Kevin K. Yang et al.')).toEqual({
      authors: ['Mingyang Hu', 'Fajie Yuan', 'Kevin K. Yang'],
      truncated: true,
    });
    expect(parseAuthorList('Yu Cheng, , Fajie Yuan')).toBeNull();
    expect(parseAuthorList('et al.')).toBeNull();
  });
});
