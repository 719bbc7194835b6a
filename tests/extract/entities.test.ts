/**
 * Entities from mentions (resolve.ts): one per key, the commonest surface as the label (ties: the
 * first in code-unit order), every surface an alias with its white space collapsed, mentions
 * counted; and the same entities whether the caller numbers the keys or not.
 */
import { describe, expect, it } from 'vitest';
import { makeMention } from '../../src/extract/mention.js';
import { emptyNotes, entitiesFromMentions, numberKeys } from '../../src/extract/resolve.js';
import type { Mention } from '../../src/types.js';

const mention = (paper: string, entity: string, text: string): Mention => makeMention(paper, entity, 'method', 'uses', 0, text.length, text, 'abstract', 'test', 1);

describe('entitiesFromMentions', () => {
  const mentions = [
    mention('p1', 'method:gnn', 'GNNs'),
    mention('p2', 'method:gnn', 'GNN'),
    mention('p3', 'method:gnn', 'GNNs'),
    mention('p4', 'method:gnn', 'GNN'),
    mention('p1', 'method:graph-neural-network', 'graph\n neural  network'),
    mention('p2', 'method:graph-neural-network', 'graph neural\u00a0network'),
    mention('p3', 'method:graph-neural-network', 'Graph neural network'),
    mention('p1', 'method:lstm', 'LSTM'),
    mention('p2', 'method:lstm', 'LSTM'),
  ];

  it('labels each entity with its commonest surface, ties going to the first in code-unit order', () => {
    const byId = new Map(entitiesFromMentions(mentions).map((e) => [e.id, e]));
    expect([...byId.keys()]).toEqual(['method:gnn', 'method:graph-neural-network', 'method:lstm']);
    expect(byId.get('method:gnn')).toMatchObject({ label: 'GNN', aliases: ['GNN', 'GNNs'], mentions: 4 });
    expect(byId.get('method:lstm')).toMatchObject({ label: 'LSTM', aliases: ['LSTM'], mentions: 2 });
  });

  it('collapses every run of white space in a surface to one space, non-breaking and line breaks included', () => {
    const gnn = entitiesFromMentions(mentions).find((e) => e.id === 'method:graph-neural-network')!;
    expect(gnn.aliases).toEqual(['Graph neural network', 'graph neural network']);
    expect(gnn.label).toBe('graph neural network');
    expect(gnn.mentions).toBe(3);
  });

  it('takes labels and extra aliases from the notes, and gives the same entities with keys numbered by the caller', () => {
    const notes = emptyNotes();
    notes.labels.set('method:gnn', 'Graph Neural Network');
    notes.aliases.set('method:gnn', new Set(['graph neural networks']));
    const gnn = entitiesFromMentions(mentions, notes).find((e) => e.id === 'method:gnn')!;
    expect(gnn.label).toBe('Graph Neural Network');
    expect(gnn.aliases).toEqual(['GNN', 'GNNs', 'graph neural networks']);
    expect(entitiesFromMentions(mentions, notes, numberKeys(mentions))).toEqual(entitiesFromMentions(mentions, notes));
  });
});
