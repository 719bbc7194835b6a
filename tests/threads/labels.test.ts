/**
 * Thread labels (src/threads/labels.ts, phrases.ts): noun phrases, not clause fragments; the
 * whole term, not two overlapping pieces of it; no acronym beside its long form.
 */
import { describe, expect, it } from 'vitest';
import { isAcronymOf, labelThreads } from '../../src/threads/labels.js';
import { phrases } from '../../src/threads/phrases.js';

const surfaces = (text: string) => phrases(text).map((p) => p.surface);

describe('label phrases', () => {
  it('are runs of modifiers and nouns that end on a noun', () => {
    const s = surfaces('Transformer models generate fluent text quickly.');
    expect(s).toContain('transformer models');
    expect(s).toContain('fluent text');
    expect(s).not.toContain('models generate');
    expect(s).not.toContain('fluent'); // an adjective is no label on its own
    expect(s.some((p) => p.includes('quickly'))).toBe(false);
  });

  it('run up to four words and never cross a comma or a stop word', () => {
    const s = surfaces('We use Monte Carlo tree search, beam search and state space models of the data.');
    expect(s).toContain('monte carlo tree search');
    expect(s).toContain('state space models');
    expect(s).not.toContain('search beam search');
    expect(s).toContain('data');
    expect(s.some((p) => p.includes('models data'))).toBe(false); // "of the" parts them
  });

  it('keep "large" inside a term and drop the words that frame a topic', () => {
    const s = surfaces('Large language models help current word sense disambiguation.');
    expect(s).toContain('large language models');
    expect(s).toContain('word sense disambiguation');
    expect(s.some((p) => p.includes('current'))).toBe(false);
    expect(s).not.toContain('large');
    const framing = surfaces('With the rapid advancement of preference optimization, vast amounts of data are labelled.');
    expect(framing).toContain('preference optimization');
    expect(framing.some((p) => /rapid|advancement|amounts/.test(p))).toBe(false);
  });

  it("keep a title's nouns and drop its adjectives", () => {
    const s = surfaces('Learning Tense and Aspect from Medical Reports');
    expect(s).toContain('tense');
    expect(s).toContain('medical reports');
    expect(s).not.toContain('medical');
    const unknown = surfaces('Learning with Variational Inference');
    expect(unknown).toContain('variational inference');
    expect(unknown).not.toContain('variational'); // not in the lexicon: an adjective by its ending
    const participle = surfaces('We learn the underlying data manifold.');
    expect(participle).toContain('underlying data manifold');
    expect(participle).not.toContain('underlying');
  });
});

describe('label phrases in other languages', () => {
  it('leave out French function words and elisions', () => {
    const s = surfaces("Nous présentons une méthode d’évaluation automatique pour la traduction.");
    for (const word of ['pour', 'une', 'la', 'présentons', 'd’évaluation']) expect(s).not.toContain(word);
    expect(s).toContain('traduction');
  });
});

describe('isAcronymOf', () => {
  it('recognises acronyms, also beside shared words', () => {
    expect(isAcronymOf('GNNs', 'graph neural networks')).toBe(true);
    expect(isAcronymOf('MoE', 'Mixture-of-Experts')).toBe(true);
    expect(isAcronymOf('MLLMs', 'multimodal LLMs')).toBe(true);
    expect(isAcronymOf('PP attachment', 'prepositional phrase attachment')).toBe(true);
    expect(isAcronymOf('multilingual NMT', 'multilingual neural machine translation')).toBe(true);
  });

  it('says no to words that only share letters', () => {
    expect(isAcronymOf('GAN', 'graph neural networks')).toBe(false);
    expect(isAcronymOf('document-level NMT', 'unsupervised neural machine translation')).toBe(false);
    expect(isAcronymOf('Gnn', 'graph neural networks')).toBe(false); // one capital: a word, not an acronym
    expect(isAcronymOf('NMT', 'translation')).toBe(false);
  });
});

/** Papers on other topics, the background a thread's phrases are told apart from. */
const OTHER_TOPICS = [
  'Speech recognition for low-resource languages with self-training.',
  'Image captioning with attention over object regions.',
  'Protein structure prediction from sequence alone.',
  'Reinforcement learning for robotic grasping in clutter.',
  'Question answering over tables with semantic parsing.',
  'Machine translation of legal documents with terminology constraints.',
];

describe('labelThreads', () => {
  const wsd = [
    'Word sense disambiguation with knowledge graphs. We study word sense disambiguation for rare nouns.',
    'Unsupervised word sense disambiguation. Word sense disambiguation assigns meanings to words in context.',
    'A corpus for word sense disambiguation in Italian, annotated by linguists.',
    'Word sense disambiguation by translation: parallel text gives sense labels.',
    'Word sense induction clusters contexts; verb sense disambiguation then reads the clusters.',
    'Graded word sense induction for noun sense disambiguation with judgements of annotators.',
  ];
  const gnn = [
    'Graph neural networks (GNNs) for molecules. GNNs pass messages between atoms.',
    'Scalable graph neural networks for citation graphs; GNNs sample neighbourhoods.',
    'Oversmoothing in deep graph neural networks: GNNs lose node identity.',
    'Graph neural networks explain predictions; we probe GNNs with counterfactual edges.',
    'Heterophily and graph neural networks: GNNs on graphs whose neighbours differ.',
    'Pretraining graph neural networks; GNNs transfer across chemistry tasks.',
  ];
  const texts = [...wsd, ...gnn, ...OTHER_TOPICS];
  const groups = [wsd.map((_, i) => i), gnn.map((_, i) => wsd.length + i)];
  const [wsdLabel, gnnLabel] = labelThreads(texts, groups);

  it('shows the whole term, not its overlapping pieces', () => {
    // "word sense" and "sense disambiguation" are in every paper, "word sense disambiguation" in
    // four of six: the two pieces used to be shown, and cover every word of the whole.
    expect(wsdLabel.terms[0]).toBe('word sense disambiguation');
    expect(wsdLabel.terms).not.toContain('word sense');
    expect(wsdLabel.terms).not.toContain('sense disambiguation');
  });

  it('leaves out the acronym of a term it shows', () => {
    expect(gnnLabel.terms[0]).toBe('graph neural networks');
    expect(gnnLabel.terms).not.toContain('GNNs');
    expect(gnnLabel.label.startsWith('graph neural networks')).toBe(true);
  });
});

describe('labelThreads on near-duplicate terms', () => {
  const parsing = [
    'Dependency parsing with a transition-based dependency parser over the Prague Czech-English Dependency Treebank and the Prague Dependency Treebank.',
    'A graph-based dependency parser; dependency parsing of the Prague Dependency Treebank.',
    'Dependency parsing of Czech: our dependency parser reads the Prague Dependency Treebank.',
    'Fast dependency parsing with a dependency parser trained on the Prague Czech-English Dependency Treebank.',
    'Dependency parsing for Czech with a neural dependency parser and the Prague Dependency Treebank.',
    'Cross-lingual dependency parsing: a dependency parser transfers from the Prague Czech-English Dependency Treebank.',
  ];
  const [label] = labelThreads([...parsing, ...OTHER_TOPICS], [parsing.map((_, i) => i)]);

  it('shows one of two terms that differ only in the form of their last word', () => {
    // "dependency parsing" and "dependency parser" say one thing twice.
    expect(label.terms.filter((t) => /^dependency pars/.test(t))).toHaveLength(1);
  });

  it('drops a term whose words all stand in order in a longer term it shows', () => {
    expect(label.terms.some((t) => /prague czech-english dependency treebank/i.test(t))).toBe(true);
    expect(label.terms.some((t) => /^prague dependency treebank$/i.test(t))).toBe(false);
  });
});

describe('labelThreads on a large thread', () => {
  // 200 papers on speech; every fourth one, from the third on, is about "prosody modelling". An
  // even sample of 50 reads papers 0, 4, 8, … and never one of those.
  const thread = Array.from({ length: 200 }, (_, i) =>
    i % 4 === 2 ? `Prosody modelling for expressive speech, paper ${i}: prosody modelling of pitch accents.` : `Speech recognition with acoustic models, paper ${i}.`,
  );
  const other = Array.from({ length: 200 }, (_, i) => `Image segmentation with convolutional networks, paper ${i}.`);

  it('reads up to 200 papers of a thread, so a phrase of a quarter of them is seen', () => {
    const [label] = labelThreads([...thread, ...other], [thread.map((_, i) => i)]);
    expect(label.terms).toContain('prosody modelling');
  });
});
