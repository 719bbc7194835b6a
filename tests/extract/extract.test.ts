/**
 * Extraction on the team's own fixtures: resolution, generic phrases, acronyms, results,
 * dataset lists, organisations, uses vs. proposes, and the phrase-typing of terms.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Mention, Paper } from '../../src/types.js';
import { extractEntities, extractPaperMentions } from '../../src/extract/index.js';
import { findAbbreviations, longFormStart } from '../../src/extract/abbrev.js';
import { tokenize } from '../../src/extract/text.js';
import { typedTerms } from '../../src/extract/terms.js';

const FIXTURES = JSON.parse(readFileSync(new URL('../fixtures/extract/abstracts.json', import.meta.url), 'utf8')) as Record<string, string>;

function paper(id: string, abstract: string, title: string | null = null): Paper {
  return {
    id, title, label: title ?? id, abstract, authors: [], authorsTruncated: false, authorCount: null, arxivId: null, doi: null, aclId: null,
    openalexId: null, s2Id: null, date: null, dateText: null, year: null, venue: null, comments: [], categories: [], codeUrls: [], orgs: [],
    upvotes: null, hasCode: false, keywords: [], datasetTags: [], external: false, sources: [], mergedBy: [], conflicts: [],
  };
}

/** Extracts a corpus of one paper per abstract; returns the entity of the first mention written as `text`. */
function entitiesOfTexts(abstracts: string[]): (text: string) => string | undefined {
  const { mentions } = extractEntities(abstracts.map((a, i) => paper(`paper:t:corpus${i}`, a)));
  return (text) => mentions.find((m) => m.text === text)?.entity;
}

const mentionsOf = (key: string): Mention[] => extractPaperMentions(paper(`paper:t:${key}`, FIXTURES[key]));
const pick = (ms: Mention[], role: string) => ms.filter((m) => m.role === role).map((m) => m.entity);

describe('entity resolution', () => {
  it('resolves CIFAR10, CIFAR-10 and cifar 10 to one key, MS COCO and MSCOCO to another', () => {
    const ms = mentionsOf('resolution');
    const datasets = ms.filter((m) => m.type === 'dataset');
    expect(datasets.filter((m) => m.entity === 'dataset:cifar-10').map((m) => m.text)).toEqual(['CIFAR10', 'CIFAR-10', 'cifar 10']);
    expect(new Set(datasets.map((m) => m.entity))).toEqual(new Set(['dataset:cifar-10', 'dataset:ms-coco']));
    const { entities } = extractEntities([paper('paper:t:r', FIXTURES.resolution)]);
    const cifar = entities.find((e) => e.id === 'dataset:cifar-10')!;
    expect(cifar.label).toBe('CIFAR-10');
    expect(cifar.aliases).toEqual(['CIFAR-10', 'CIFAR10', 'cifar 10']);
    expect(cifar.mentions).toBe(3);
  });

  it('keeps a resolution variant as its own node linked to its parent', () => {
    const { entities } = extractEntities([paper('paper:t:v', FIXTURES.results)]);
    const variant = entities.find((e) => e.id === 'dataset:imagenet-64x64')!;
    expect(variant.variantOf).toBe('dataset:imagenet');
    expect(variant.label).toBe('ImageNet 64×64');
    expect(entities.find((e) => e.id === 'dataset:imagenet')?.label).toBe('ImageNet');
  });

  it('makes an acronym and its long form one method, also across papers', () => {
    const ms = mentionsOf('acronym');
    const hgrn = ms.filter((m) => m.entity === 'method:hgrn');
    expect(hgrn.map((m) => m.text)).toContain('Hierarchical Gated Ranking Network');
    expect(hgrn.every((m) => m.role === 'proposes')).toBe(true);
    const { entities, mentions } = extractEntities([paper('paper:t:a', FIXTURES.acronym), paper('paper:t:b', FIXTURES.acronymOther)]);
    expect(mentions.filter((m) => m.paper === 'paper:t:b' && m.entity === 'method:hgrn')).toHaveLength(1);
    expect(entities.find((e) => e.id === 'method:hgrn')!.aliases).toEqual(expect.arrayContaining(['HGRN', 'Hierarchical Gated Ranking Network']));
  });

  it('keeps the long forms of an acronym the corpus defines as different things apart', () => {
    // "CL" is continual learning in one paper and curriculum learning in two others; a fourth paper
    // writes "CL" without defining it, a fifth only "continual learning".
    const texts = {
      'paper:t:cl1': 'We study continual learning (CL) for dialogue. Our CL method replays old intents.',
      'paper:t:cl2': 'Curriculum learning (CL) orders training examples by difficulty. With CL, parsers converge faster.',
      'paper:t:cl3': 'We apply curriculum learning (CL) to machine translation and show that CL helps low-resource pairs.',
      'paper:t:cl4': 'We compare CL baselines on five benchmarks.',
      'paper:t:cl5': 'A survey of continual learning for language models.',
    };
    const { entities, mentions } = extractEntities(Object.entries(texts).map(([id, text]) => paper(id, text)));
    const keysOf = (id: string) => new Set(mentions.filter((m) => m.paper === id && m.type === 'method').map((m) => m.entity));
    expect(keysOf('paper:t:cl1')).toContain('method:continual-learning');
    expect(keysOf('paper:t:cl2')).toContain('method:curriculum-learning');
    expect(keysOf('paper:t:cl3')).toContain('method:curriculum-learning');
    expect(keysOf('paper:t:cl5')).toContain('method:continual-learning');
    for (const id of ['paper:t:cl1', 'paper:t:cl2', 'paper:t:cl3', 'paper:t:cl5']) expect(keysOf(id).has('method:cl'), id).toBe(false);
    // A paper's own "CL" goes to the long form it defines.
    expect(mentions.filter((m) => m.paper === 'paper:t:cl1' && m.text === 'CL').every((m) => m.entity === 'method:continual-learning')).toBe(true);
    const continual = entities.find((e) => e.id === 'method:continual-learning')!;
    const curriculum = entities.find((e) => e.id === 'method:curriculum-learning')!;
    expect(continual.aliases).not.toContain('curriculum learning');
    expect(curriculum.aliases).not.toContain('continual learning');
    // No entity holds both long forms (the merge put both on `method:cl`).
    expect(entities.some((e) => e.aliases.includes('continual learning') && e.aliases.includes('curriculum learning'))).toBe(false);
  });

  it('makes a phrase that opens on an acronym one entity with the phrase of its long form', () => {
    const entityOf = entitiesOfTexts([
      'We evaluate three MT systems on idioms. Expectation maximization (EM) converges.',
      'Many machine translation systems fail on idioms. The EM algorithm is slow.',
      'Statistical machine translation systems are older. The expectation maximization algorithm is classic. NMT systems are newer.',
    ]);
    expect(entityOf('MT systems')).toBe(entityOf('machine translation systems'));
    expect(entityOf('EM algorithm')).toBe(entityOf('expectation maximization algorithm'));
    // A sentence start's capital does not keep a plural apart.
    expect(entityOf('Statistical machine translation systems')).toBe('method:statistical-machine-translation-system');
    // "NMT" is not spelt by "machine translation": its phrase stays its own.
    expect(entityOf('NMT systems')).not.toBe(entityOf('machine translation systems'));
  });

  it('reads an acronym inside a phrase as the long form nearly all its definitions give', () => {
    const define = (i: number, long: string) => `We address the ${long} (QA) task in setting ${i}.`;
    const entityOf = entitiesOfTexts([
      ...[1, 2, 3, 4, 5].map((i) => define(i, 'question answering')),
      define(6, 'query answering'),
      'We compare QA systems on the web.',
      'Question answering systems read documents.',
    ]);
    expect(entityOf('QA systems')).toBe(entityOf('Question answering systems'));
    // Split evenly, the acronym says nothing inside a phrase.
    const even = entitiesOfTexts([define(1, 'question answering'), define(2, 'query answering'), 'We compare QA systems on the web.', 'Question answering systems read documents.']);
    expect(even('QA systems')).not.toBe(even('Question answering systems'));
  });

  it('takes the phrase of a long form to where the acronym\'s phrase went', () => {
    const entityOf = entitiesOfTexts(['We present QA Systems (QAS) for tables. QAS answer fast.', 'We compare QA systems on the web.', 'Question answering systems read documents.']);
    expect(entityOf('QA systems')).toBe('method:qas');
    expect(entityOf('Question answering systems')).toBe('method:qas');
  });

  it('still makes an acronym one entity with long forms that end alike', () => {
    const texts = {
      'paper:t:al1': 'We use active learning (AL) to select sentences for annotation.',
      'paper:t:al2': 'Uncertainty-based active learning (AL) picks the least confident parses.',
      'paper:t:al3': 'Active learning for named entity recognition.',
    };
    const { mentions } = extractEntities(Object.entries(texts).map(([id, text]) => paper(id, text)));
    const keys = new Set(mentions.filter((m) => m.type === 'method' && /AL|active learning/i.test(m.text)).map((m) => m.entity));
    expect(keys).toEqual(new Set(['method:al']));
    // A capitalised definition and another paper's lower-case long form are one entity.
    const we = extractEntities([
      paper('paper:t:we1', 'We learn Word Embeddings (WE) from raw text.'),
      paper('paper:t:we2', 'We train a classifier on word embeddings for parsing.'),
      paper('paper:t:we3', 'Our parser reads word embeddings as features.'),
    ]);
    const weKeys = we.mentions.filter((m) => /^(?:word embeddings|WE)$/i.test(m.text)).map((m) => [m.paper, m.entity]);
    expect(weKeys).toEqual(expect.arrayContaining([['paper:t:we2', 'method:we'], ['paper:t:we3', 'method:we']]));
    expect(new Set(weKeys.map(([, key]) => key))).toEqual(new Set(['method:we']));
    // Words of one stem: "recommender systems" and "recommendation systems" are one thing.
    const rs = extractEntities([paper('paper:t:rs1', 'Recommender systems (RS) rank items for users.'), paper('paper:t:rs2', 'Recommendation systems (RS) rank items for users.')]);
    expect(new Set(rs.mentions.filter((m) => m.text === 'RS').map((m) => m.entity)).size).toBe(1);
  });

  it('never makes an entity of a generic phrase', () => {
    expect(mentionsOf('generic')).toEqual([]);
  });
});

describe('extractors', () => {
  it('pairs reported values with datasets in order, with the setting', () => {
    const reports = mentionsOf('results').filter((m) => m.role === 'reports' && m.value);
    expect(reports.map((r) => [r.entity, r.value, r.dataset, r.setting ?? null])).toEqual([
      ['metric:fid', '3.10', 'dataset:cifar-10', 'single sampling step'],
      ['metric:fid', '4.20', 'dataset:imagenet-64x64', 'single sampling step'],
      ['metric:bleu', '28.4', 'dataset:wmt14', null],
    ]);
  });

  it('reads datasets from a parenthesised list and before a dataset noun', () => {
    expect(pick(mentionsOf('datasetList'), 'evaluates_on')).toEqual(['dataset:shoplens', 'dataset:travelbench', 'dataset:kuaivideo', 'dataset:yelp']);
    expect(pick(mentionsOf('acronym'), 'evaluates_on')).toEqual(['dataset:criteo', 'dataset:avazu']);
  });

  it('links an organisation only as deployer or data owner', () => {
    expect(mentionsOf('deployer').filter((m) => m.type === 'org').map((m) => [m.entity, m.role])).toEqual([['org:linkedin', 'affiliated']]);
  });

  it('tells used methods from proposed ones', () => {
    const ms = mentionsOf('uses');
    expect(pick(ms, 'uses')).toEqual(expect.arrayContaining(['method:react', 'method:reflexion', 'method:gpt-4', 'method:bert']));
    expect(pick(ms, 'proposes')).toEqual([]);
  });

  it('links an unknown name before "-based" or "-style" as a used method, but not a word, and a known one by the gazetteer', () => {
    const text = 'We train a FooNet-based encoder, a graph-based decoder, a CNN-based tagger and a BarGAN-style critic.';
    const ms = extractPaperMentions(paper('paper:t:based', text));
    expect(ms.filter((m) => m.rule === 'name-based').map((m) => [m.entity, m.text, m.role])).toEqual([
      ['method:foonet', 'FooNet', 'uses'],
      ['method:bargan', 'BarGAN', 'uses'],
    ]);
    expect(ms.filter((m) => m.text === 'CNN').map((m) => m.rule)).toEqual(['gazetteer']);
    expect(ms.map((m) => m.text)).not.toContain('graph');
  });

  it('takes a capitalised word before "corpus" as a name, not a word of kind', () => {
    const text = 'Monolingual corpora help. Domain-specific datasets are rare. Icelandic corpus studies exist. 3D datasets are small. We parse the Szeged Treebank and the Leipzig corpus.';
    const datasets = extractPaperMentions(paper('paper:t:kinds', text)).filter((m) => m.type === 'dataset').map((m) => m.text);
    expect(datasets).toEqual(expect.arrayContaining(['Szeged Treebank', 'Leipzig']));
    for (const kind of ['Monolingual', 'Domain-specific', 'Icelandic', '3D']) expect(datasets).not.toContain(kind);
  });

  it('takes no participle, foreign determiner or opening of a parenthesised phrase for a corpus name', () => {
    const text = 'We tag an Untagged corpus and a PoS-Tagged corpus. Ce corpus contient des textes. We mine raw corpora (Identification automatique des relations) and two corpora (Leipzig, Szeged).';
    const datasets = extractPaperMentions(paper('paper:t:kinds2', text)).filter((m) => m.type === 'dataset').map((m) => m.text);
    expect(datasets).toEqual(['Leipzig', 'Szeged']);
  });

  it('takes no word of size or range for a corpus name, and no manner of analysis for a task', () => {
    const ms = extractPaperMentions(paper('paper:t:kinds3', 'We release a Million-Scale dataset and a Multi-Domain corpus, and compare them with the XS-Video dataset. We provide a detailed analysis of the errors.'));
    expect(ms.filter((m) => m.type === 'dataset').map((m) => m.text)).toEqual(['XS-Video']);
    expect(ms.some((m) => m.type === 'task')).toBe(false);
  });

  it('takes no hyperparameter or inner quantity of a model for a metric', () => {
    const ms = extractPaperMentions(paper('paper:t:rates', 'We tune the learning rate and the dropout rate, inspect attention scores and report the error rate and the F1 score.'));
    expect(ms.filter((m) => m.type === 'metric').map((m) => m.text)).toEqual(['error rate', 'F1 score']);
  });

  it('writes a capitalised head into the name it follows, keyed on the name, and joins a name to its acronym', () => {
    const { mentions, entities } = extractEntities([
      paper('paper:t:head1', 'We parse the Szeged Treebank. We also use the British National Corpus (BNC).'),
      paper('paper:t:head2', 'Errors in the Szeged treebank are rare. The BNC corpus is balanced.'),
    ]);
    const szeged = mentions.filter((m) => m.text.startsWith('Szeged'));
    expect(szeged.map((m) => [m.text, m.entity])).toEqual([['Szeged Treebank', 'dataset:szeged'], ['Szeged', 'dataset:szeged']]);
    const bnc = entities.find((e) => e.id === 'dataset:bnc');
    expect(bnc?.aliases).toEqual(expect.arrayContaining(['BNC', 'British National Corpus']));
    expect(mentions.filter((m) => m.entity === 'dataset:bnc')).toHaveLength(3);
  });

  it('takes no count of benchmarks and no hardware for a dataset', () => {
    const ms = extractPaperMentions(paper('paper:t:counts', 'It achieves state-of-the-art results on 10 benchmarks. It was trained on 4 A100 GPUs and evaluated on TPUs and on XS-Video.'));
    expect(ms.filter((m) => m.type === 'dataset').map((m) => m.text)).toEqual(['XS-Video']);
  });

  it('takes no language pair or description of a language for a dataset', () => {
    const ms = extractPaperMentions(paper('paper:t:pairs', 'We evaluate on English-to-German and Korean-to-Chinese. We evaluate on English-German. Experiments on XS-Video show gains. The English-language corpus is small.'));
    expect(ms.filter((m) => m.type === 'dataset').map((m) => m.text)).toEqual(['XS-Video']);
  });

  it('knows the Penn Discourse Treebank by name and acronym', () => {
    const ms = extractPaperMentions(paper('paper:t:pdtb', 'We parse the Penn Discourse Treebank. Results on PDTB 2.0 improve.'));
    expect(ms.filter((m) => m.type === 'dataset').map((m) => m.entity)).toEqual(['dataset:penn-discourse-treebank', 'dataset:penn-discourse-treebank']);
  });

  it('does not open a noun phrase of a title on a capitalised verb or preposition', () => {
    const texts = (title: string) => extractPaperMentions(paper('paper:t:title', '', title)).map((m) => m.text);
    expect(texts('Towards Fast Multilingual LLM Inference').some((t) => t.startsWith('Towards'))).toBe(false);
    expect(texts('Scaling Cross-Embodied Learning')).toContain('Cross-Embodied Learning');
    expect(texts('Enhancing Code Large Language Models with Retrieval')).toContain('Code Large Language Models');
  });

  it('matches names that are also English words only as written', () => {
    const text = 'Humans react to sarcasm. Record linkage is hard. Agenda setting matters. We compare with ReAct and evaluate on ReCoRD.';
    const ms = extractPaperMentions(paper('paper:t:words', text));
    expect(ms.filter((m) => m.entity === 'method:react').map((m) => m.text)).toEqual(['ReAct']);
    expect(ms.filter((m) => m.entity === 'dataset:record').map((m) => m.text)).toEqual(['ReCoRD']);
    expect(ms.some((m) => m.entity === 'dataset:agenda')).toBe(false);
  });

  it('takes no title word, unit, piece of hardware, format, source, language or adjective after a "uses" cue for a method', () => {
    const ms = extractPaperMentions(paper('paper:t:cues', 'It marks objects with unique IDs and runs at over 60 FPS on CPUs. We compare with Reflexion. It is trained with Wikipedia, tested with Hindi and compared with Euclidean distances. It reads formats such as HTML and extends KV caches.', 'Realistic Generation with Adaptive Prompt Weighting'));
    expect(ms.filter((m) => m.type === 'method').map((m) => m.entity)).toEqual(['method:reflexion']);
    expect(ms.some((m) => m.type === 'dataset')).toBe(false);
  });

  it('proposes the new name after the verb, not the family of models it works on', () => {
    const text = 'We propose a training recipe for multimodal large language models (MLLMs). We introduce Holistic Evaluation of Multimodal Models (HEMM).';
    const proposed = extractPaperMentions(paper('paper:t:family', text)).filter((m) => m.role === 'proposes').map((m) => m.text);
    expect(proposed).toEqual(expect.arrayContaining(['HEMM']));
    expect(proposed).not.toContain('MLLMs');
  });

  it('takes no comparison or generic metric phrase for a metric', () => {
    const text = 'Our metric shows higher correlation with human judgements than automatic metrics and other evaluation measures, with the highest score on word error rate.';
    const metrics = extractPaperMentions(paper('paper:t:metrics', text)).filter((m) => m.type === 'metric').map((m) => m.entity);
    expect(metrics).toContain('metric:wer');
    for (const junk of ['metric:higher-correlation', 'metric:automatic-metric', 'metric:evaluation-measure', 'metric:highest-score']) expect(metrics).not.toContain(junk);
  });

  it("proposes no topic named before a title's colon, and no possessive", () => {
    const proposed = (title: string, abstract = '') => extractPaperMentions(paper('paper:t:topic', abstract, title)).filter((m) => m.role === 'proposes').map((m) => m.text);
    expect(proposed('Word Representations: A Simple and General Method for Semi-Supervised Learning')).toEqual([]);
    expect(proposed('Topic Models: Accounting Component Structure of Bigrams')).toEqual([]);
    expect(proposed('Semantic Lexicons: Structure and Use')).toEqual([]);
    expect(proposed('Knowledge-Based Approaches: A Survey')).toEqual([]);
    expect(proposed('GloVe: Global Vectors for Word Representation')).toEqual(['GloVe']);
    expect(proposed('Dropout: A Simple Way to Prevent Neural Networks from Overfitting')).toEqual(['Dropout']);
    expect(proposed('Evaluating MT', 'We present the MT-system’s output to raters.')).toEqual([]);
  });

  it("proposes no journal heading or shared task named before a title's colon", () => {
    const proposed = (title: string) => extractPaperMentions(paper('paper:t:heading', '', title)).filter((m) => m.role === 'proposes').map((m) => m.text);
    expect(proposed('Squibs: On the Notion of Tense')).toEqual([]);
    expect(proposed('Session 4: Machine Translation')).toEqual([]);
    expect(proposed('CogALex-V Shared Task: Word Relations')).toEqual([]);
    expect(proposed('SemEval-2010 Task 8: Classification of Semantic Relations')).toEqual([]);
    expect(proposed('DEFT 2018: Sentiment in Tweets')).toEqual([]);
    expect(proposed('Zorba 2: Open Foundation and Fine-Tuned Chat Models')).toEqual(['Zorba 2']); // a version, not a year
    expect(proposed('SEATER: Generative Retrieval with Semantic Trees')).toEqual(['SEATER']);
  });

  it('links a dataset the paper introduces as data, not as a method', () => {
    const ms = mentionsOf('introducedData');
    expect(ms.filter((m) => m.text === 'QuillText').map((m) => [m.entity, m.role])).toEqual([['dataset:quilltext', 'evaluates_on']]);
  });

  it('takes "X task" as a task only when X names one', () => {
    const text =
      'We describe our system for the SemEval-2020 Task on sarcasm and the CoNLL 2018 Shared Task. ' +
      'Auxiliary tasks and open problems remain. We address the text classification task and the NER task, ' +
      'and study the classical problem of weighted expert voting.';
    const tasks = extractPaperMentions(paper('paper:t:task-words', text)).filter((m) => m.type === 'task');
    const keys = new Set(tasks.map((m) => m.entity));
    expect(keys).toContain('task:text-classification');
    expect(keys).toContain('task:named-entity-recognition');
    expect(tasks.some((m) => m.text.startsWith('classical problem of'))).toBe(true);
    for (const junk of ['task:semeval-2020', 'task:conll-2018-shared', 'task:auxiliary', 'task:open', 'task:shared']) expect(keys.has(junk), junk).toBe(false);
  });

  it('finds tasks by name and by a long form with its acronym', () => {
    expect(new Set(pick(mentionsOf('tasks'), 'addresses'))).toEqual(
      new Set(['task:ctr-prediction', 'task:sequential-recommendation', 'task:text-to-video-generation', 'task:named-entity-recognition']),
    );
  });

  it('names a titled paper by the name before the colon', () => {
    const ms = extractPaperMentions(paper('paper:t:title', 'We study retrieval.', 'GLOW-R: Gated Lookup for Retrieval'));
    expect(ms.filter((m) => m.field === 'title' && m.type === 'method').map((m) => [m.entity, m.role])).toEqual([['method:glow-r', 'proposes']]);
  });
});

describe('building blocks', () => {
  it('finds long forms with the Schwartz–Hearst rule', () => {
    const text = 'a syntax-infused variational autoencoder (SIVAE) and Graph neural networks (GNNs)';
    const found = findAbbreviations(text, tokenize(text)).map((a) => [a.longText, a.shortText]);
    expect(found).toEqual([['syntax-infused variational autoencoder', 'SIVAE'], ['Graph neural networks', 'GNNs']]);
    expect(longFormStart('CETNet', 'a novel framework, Collaborative Ensemble Training Network')).toBe(19);
  });

  it('types noun phrases by their head and skips generic ones', () => {
    const text = 'We use a maximum entropy model for dependency parsing and report word error rate. Our model works.';
    const tokens = tokenize(text);
    const terms = typedTerms(tokens).map((t) => [text.slice(t.start, t.end), t.type]);
    expect(terms).toEqual([['maximum entropy model', 'method'], ['dependency parsing', 'task'], ['word error rate', 'metric']]);
  });

  it('is deterministic', () => {
    const a = extractEntities([paper('p1', FIXTURES.acronym), paper('p2', FIXTURES.results)]);
    const b = extractEntities([paper('p1', FIXTURES.acronym), paper('p2', FIXTURES.results)]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
