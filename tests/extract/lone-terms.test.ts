/**
 * Corpus extraction drops a noun-phrase term ("np-head") that only one paper names, keeps one
 * that two papers name (singular and plural are one entity), and keeps every other mention even
 * when one paper alone has it (index.ts MIN_TERM_PAPERS).
 */
import { describe, expect, it } from 'vitest';
import { extractCorpusMentions, extractEntities, MIN_TERM_PAPERS } from '../../src/extract/index.js';

const papers = [
  { id: 'p1', title: 'A study', abstract: 'We train a quantum lattice model on news.' },
  { id: 'p2', title: 'Another study', abstract: 'Two quantum lattice models beat it.' },
  { id: 'p3', title: 'Dependency parsing with BERT', abstract: 'We study treebank conversion.' },
];

describe('lone noun-phrase terms', () => {
  it('keeps a term two papers name and drops one only one paper names', () => {
    expect(MIN_TERM_PAPERS).toBe(2);
    const perPaper = extractCorpusMentions(papers).map((m) => `${m.paper} ${m.entity} ${m.rule}`);
    expect(perPaper).toEqual(expect.arrayContaining(['p1 method:quantum-lattice-model np-head', 'p2 method:quantum-lattice-model np-head', 'p3 task:treebank-conversion np-head', 'p3 method:bert gazetteer']));
    const { mentions, entities } = extractEntities(papers);
    const kept = mentions.map((m) => `${m.paper} ${m.entity}`);
    expect(kept).toEqual(expect.arrayContaining(['p1 method:quantum-lattice-model', 'p2 method:quantum-lattice-model', 'p3 method:bert', 'p3 task:dependency-parsing']));
    expect(kept).not.toContain('p3 task:treebank-conversion');
    expect(entities.map((e) => e.id)).not.toContain('task:treebank-conversion');
    expect(entities.find((e) => e.id === 'method:quantum-lattice-model')?.mentions).toBe(2);
  });
});
