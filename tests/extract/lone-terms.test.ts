/**
 * Corpus extraction drops a noun-phrase term ("np-head") that only one paper names, keeps one
 * that two papers name (singular and plural are one entity), and keeps every other mention even
 * when one paper alone has it (index.ts MIN_TERM_PAPERS).
 */
import { describe, expect, it } from 'vitest';
import { extractCorpusMentions, extractEntities, finishExtraction, MIN_TERM_PAPERS } from '../../src/extract/index.js';
import { emptyNotes } from '../../src/extract/resolve.js';

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

  it('counts the papers of a term the same when the mentions do not come paper by paper', () => {
    // p4 names a term twice, alone: with its two mentions apart (another paper's in between), a
    // count of "paper changes" would make two papers of one. Mentions merged from elsewhere can
    // come in any order; the result must be that of the paper-by-paper list.
    const corpus = [...papers, { id: 'p4', title: 'Notes', abstract: 'We study sonnet conversion and revisit sonnet conversion.' }];
    const grouped = extractCorpusMentions(corpus);
    const lone = grouped.filter((m) => m.entity === 'task:sonnet-conversion');
    expect(lone.map((m) => m.paper)).toEqual(['p4', 'p4']);
    const interleaved = [lone[0], ...grouped.filter((m) => m !== lone[0] && m !== lone[1]), lone[1]];
    const key = (m: { paper: string; entity: string; start: number }) => `${m.paper} ${m.entity} ${m.start}`;
    const fromGrouped = finishExtraction(grouped.map((m) => ({ ...m })), emptyNotes());
    const fromInterleaved = finishExtraction(interleaved.map((m) => ({ ...m })), emptyNotes());
    expect(fromInterleaved.mentions.map(key).sort()).toEqual(fromGrouped.mentions.map(key).sort());
    expect(fromInterleaved.mentions.map((m) => m.entity)).not.toContain('task:sonnet-conversion');
    expect(fromInterleaved.mentions.map((m) => m.entity)).toContain('method:quantum-lattice-model');
    expect(fromInterleaved.entities).toEqual(fromGrouped.entities);
  });
});
