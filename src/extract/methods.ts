/**
 * Methods: proposed by the paper, or used / compared against
 * ===========================================================
 *
 * `proposes`:
 *   - after an introducing verb in the same clause: "we propose SEATER", "namely X", "dubbed X",
 *     "called X", "a novel module named InterFormer", "a novel framework, Collaborative Ensemble
 *     Training Network (CETNet)" (the long form and its acronym, one entity);
 *   - "X, a novel framework for …" (an appositive naming a new method);
 *   - a title that opens with a name and a colon: "SEATER: Generative Retrieval …";
 *   - later occurrences of a proposed name in the same text.
 * `uses`: known methods from the gazetteer (BERT, ESM-1b, Evoformer, ReAct …), names after
 * "based on", "outperforms", "compared with", "built on", "X-based", acronym definitions whose
 * long form ends in a method head ("Graph neural networks (GNNs)"), and method-typed noun
 * phrases ("maximum entropy model").
 * Generic phrases ("our model", "the proposed method") never become methods.
 */
import type { Doc, Found } from './doc.js';
import { found, isNameLike, SpanMask } from './doc.js';
import { isWordToken } from './gazetteer.js';
import { headTypeOf, isGenericHead } from './terms.js';
import { LANGUAGES } from './languages.js';
import type { Token } from './text.js';
import { capitalisedWord, posLexicon, WordMemo } from './text.js';

/** Acronyms that name a family of methods or a field, never one paper's contribution. */
export const GENERIC_ACRONYMS = new Set([
  'AI', 'ML', 'DL', 'RL', 'NLP', 'CV', 'IR', 'LLM', 'LLMs', 'GAN', 'GANs', 'GNN', 'GNNs', 'CNN', 'CNNs', 'RNN', 'RNNs',
  'MLP', 'MLPs', 'VAE', 'VAEs', 'CTR', 'API', 'APIs', 'GPU', 'GPUs', 'CPU', 'SOTA', 'LSTM', 'LSTMs', 'KG', 'KGs', 'PLM', 'PLMs',
  'US', 'USA', 'UK', 'EU', 'IEEE', 'ACM', 'ACL', 'NeurIPS', 'ICML', 'ICLR', 'CVPR', 'AAAI', 'IJCAI', 'KDD', 'EMNLP', 'NAACL',
  'SIGIR', 'WWW', 'CIKM', 'WSDM', 'RecSys', 'II', 'III', 'IV', 'VI', 'OK', 'TV', 'PhD', 'MSc', 'GB', 'MB', 'TB', 'FLOPs', 'QA',
  // Field and task abbreviations.
  'NLU', 'NLG', 'RC', 'MRC', 'KBQA', 'NLI', 'NER', 'MT', 'NMT', 'SMT', 'ASR', 'TTS', 'RST', 'SRL', 'POS', 'WSD', 'ABSA', 'IE', 'RE',
  'EL', 'KB', 'KBs', 'CQA', 'VQA', 'ODQA', 'STS', 'SLU', 'DST', 'GEC', 'APE', 'QE', 'OCR', 'HCI', 'IR', 'CL', 'SLT', 'ST', 'LM', 'LMs',
  'GitHub', 'HuggingFace', 'PyTorch', 'TensorFlow', 'arXiv', 'YouTube', 'LaTeX', 'JAX', 'OpenAI',
  // Families and standard techniques a paper works with, not its contribution: "we propose … for
  // multimodal large language models (MLLMs)", "partial differential equations (PDEs)".
  'MLLM', 'MLLMs', 'VLM', 'VLMs', 'LMM', 'LMMs', 'SLM', 'SLMs', 'LVLM', 'LVLMs', 'PDE', 'PDEs', 'ODE', 'ODEs', 'SFT', 'CFG', 'BPE', 'ToM',
  // Units and hardware: "60 FPS", "unique IDs", "UV maps", "on CPUs".
  'FPS', 'ID', 'IDs', 'UV', 'CPUs', 'TPU', 'TPUs', 'RAM',
  // Formats and parts of systems: "such as HTML", "the KV cache".
  'HTML', 'XML', 'JSON', 'CSV', 'PDF', 'PDFs', 'URL', 'URLs', 'HTTP', 'YAML', 'KV',
  'MLM', 'PTM', 'PTMs', 'DNN', 'DNNs', 'NN', 'NNs', 'SOTA', 'EN', 'DE', 'FR', 'ZH', 'JA', 'ES', 'RU', 'AR', 'UN', 'EU', 'COVID', 'SARS',
]);

const TRIGGERS = new Set(['propose', 'proposes', 'proposed', 'present', 'presents', 'presented', 'introduce', 'introduces', 'introduced', 'develop', 'develops', 'developed', 'called', 'named', 'dubbed', 'namely', 'termed', 'coined', 'design', 'designs', 'designed', 'devise', 'devises', 'release', 'releases', 'unveil', 'unveils']);
// A proposing clause ends at these words.
const CLAUSE_END = new Set(['which', 'that', 'where', 'whose', 'while', 'whereas', 'because', 'since', 'but', 'however', 'although', 'when', 'if', 'so']);
const USE_CUES = new Set(['outperforms', 'outperform', 'outperforming', 'outperformed', 'surpasses', 'surpass', 'beats', 'than', 'against', 'over', 'versus', 'vs', 'extends', 'extend', 'extending', 'adopt', 'adopts', 'employ', 'employs', 'leverage', 'leverages', 'leveraging', 'utilize', 'utilizes', 'utilizing', 'use', 'uses', 'using', 'apply', 'applies', 'applying', 'including', 'like', 'as', 'fine-tune', 'finetune', 'integrate', 'replace', 'with']);
const USE_BIGRAMS = new Set(['based on', 'built on', 'built upon', 'compared with', 'compared to', 'compare with', 'compare to', 'relies on', 'rely on', 'such as', 'builds on', 'builds upon', 'inspired by', 'trained with', 'on top']);
const STRONG_USE = new Set(['outperforms', 'outperform', 'outperforming', 'outperformed', 'surpasses', 'surpass', 'beats', 'than', 'versus', 'vs', 'extends', 'extending', 'on', 'with', 'to', 'upon']);
const BIGRAM_FIRST = new Set([...USE_BIGRAMS].map((b) => b.split(' ')[0]));
// Either kind of cue: one lookup rules out most words.
const CUE_WORDS = new Set([...USE_CUES, ...BIGRAM_FIRST]);
const TRIGGER = 1;
const CUE = 2;
const IS = 4;
const BASED = 8;
/**
 * Per word: TRIGGER | CUE | IS | BASED bits, where rules 2, 7, 3 and "X-based" can start. One
 * pass reading one table per token finds them all (most tokens: none), where each rule used to
 * pass over every token itself.
 */
const CUE_CLASS = new WordMemo(
  (t) => (TRIGGERS.has(t.lower) ? TRIGGER : 0) | (CUE_WORDS.has(t.lower) ? CUE : 0) | (t.text === 'is' ? IS : 0) | (BASED_NAME.of(t) > 0 ? BASED : 0),
);
const TITLE_STOP = new Set(['survey', 'review', 'position', 'tutorial', 'overview', 'introduction', 'abstract', 'editorial', 'erratum', 'corrigendum', 'keynote', 'preface', 'foreword', 'commentary', 'note', 'appendix', 'panel', 'invited', 'book', 'demo', 'demonstration', 'poster', 'workshop',
  // Journal and proceedings headings: "Squibs: …", "Last Words: …", "Session 4: …", "Author Index: …", "Obituary: …", "Briefly Noted: …".
  'squib', 'squibs', 'last', 'session', 'author', 'title', 'index', 'obituary', 'obituaries', 'briefly', 'article', 'articles']);
/** Last words of a title's opening that name an event, not a method ("CogALex-V Shared Task: …"). */
const TITLE_EVENT_WORDS = new Set(['task', 'workshop', 'challenge', 'competition', 'agreement']);

/**
 * Whether a title's opening tokens [0, colon) name an event or an edition rather than a system:
 * "CogALex-V Shared Task", "SemEval-2010 Task 1", "WANLP 2021 Shared-Task", "DEFT 2018",
 * "1990-2020". ("Llama 2", "Athena 2.0" and "CodeT5" are systems: a version is no year.)
 */
function namesEvent(tokens: readonly Token[], colon: number): boolean {
  if (TITLE_EVENT_WORDS.has(tokens[colon - 1].lower)) return true;
  for (let k = 0; k < colon; k++) if (tokens[k].lower === 'task' || tokens[k].lower === 'shared-task') return true;
  if (colon >= 2 && /^(?:19|20)\d\d$/.test(tokens[colon - 1].text)) return true;
  return tokens.slice(0, colon).every((t) => !/[A-Za-z]/.test(t.text));
}

const DATASET_NOUNS = new Set(['dataset', 'datasets', 'corpus', 'corpora', 'benchmark', 'benchmarks', 'treebank', 'treebanks', 'collection', 'testbed', 'testset']);
const DESCRIPTOR_SKIP = new Set([',', ':', '-', '–', '(', 'a', 'an', 'the', 'new', 'novel', 'first', 'our', 'is', 'which', 'as']);

/** Whether the words around a new name say it names data: "SciQ, a dataset of …", "ViGGO: A Video Game Corpus", "the Gumar Corpus". */
function namesData(tokens: readonly Token[], from: number, to: number): boolean {
  const sentence = tokens[from].sentence;
  // After the name: its descriptor.
  for (let k = to, seen = 0; k < tokens.length && seen < 9 && tokens[k].sentence === sentence; k++) {
    const w = tokens[k].lower;
    if (DATASET_NOUNS.has(w) || (w === 'set' && tokens[k - 1]?.lower === 'data')) return true;
    // The descriptor is a phrase; a verb means a clause about the name ("InterFormer achieves … on three datasets").
    const type = headTypeOf(tokens[k]);
    if (type === 'method' || type === 'task' || CLAUSE_END.has(w) || w === 'for' || w === 'to' || w === 'that' || tokens[k].tag.startsWith('VB') || tokens[k].tag === 'MD') return false;
    if (!DESCRIPTOR_SKIP.has(w)) seen++;
  }
  // Before the name: "a new dataset, X", "a corpus called X".
  for (let k = from - 1; k >= 0 && from - k <= 4 && tokens[k].sentence === sentence; k--) if (DATASET_NOUNS.has(tokens[k].lower)) return true;
  return false;
}

function sameSentence(doc: Doc, a: number, b: number): boolean {
  return doc.tokens[a] !== undefined && doc.tokens[b] !== undefined && doc.tokens[a].sentence === doc.tokens[b].sentence;
}

/** Per word: the length of the name in "X-based", "X-style" … when X is name-like and no generic acronym, else 0. */
const BASED_NAME = new WordMemo((t) => {
  if (t.text.length < 8 || !t.text.includes('-')) return 0;
  const m = /^(.+)-(?:based|style|like|driven|powered)$/.exec(t.text);
  return m && isNameLike(m[1]) && !GENERIC_ACRONYMS.has(m[1]) ? m[1].length : 0;
});

/** A name that can be a method: name-like, not a generic acronym, not a known non-method. */
function candidateName(doc: Doc, i: number): boolean {
  const t = doc.tokens[i];
  if (!isWordToken(t) || !isNameLike(t.text)) return false;
  // A possessive ("the MT-system’s output") is no name.
  if (/['’]s$/.test(t.text)) return false;
  const bare = /[A-Z]s$/.test(t.text) ? t.text.slice(0, -1) : t.text;
  if (GENERIC_ACRONYMS.has(t.text) || GENERIC_ACRONYMS.has(bare)) return false;
  const known = doc.nameAt.get(i);
  if (known && known.entry.type !== 'method') return false;
  return true;
}

/**
 * Whether a title's opening words [0, colon) name its topic rather than a system: two or more
 * ordinary English words in title case ("Word Representations: A Simple and General Method …",
 * "Topic Models: …", "Machine Translation: …"). A proposal there linked every paper that uses
 * word representations to the one paper, as what it builds on.
 */
function namesTopic(tokens: readonly Token[], colon: number): boolean {
  if (colon < 2) return false;
  const lexicon = posLexicon();
  // An ordinary word: title case only, known to the lexicon (as written or in the singular), not as a name.
  const ordinary = (word: string): boolean => {
    if (!capitalisedWord(word)) return false;
    const lower = word.toLowerCase();
    const tag = lexicon.get(lower) ?? (lower.endsWith('s') ? lexicon.get(lower.slice(0, -1)) : undefined);
    return tag !== undefined && tag !== 'NNP' && tag !== 'NNPS';
  };
  // Hyphenated words part by part ("Knowledge-Based Approaches").
  return tokens.slice(0, colon).every((t) => t.text.split('-').every(ordinary));
}

/** Capitalised words no lexicon knows that name a source, not a method ("with Wikipedia"). */
const SOURCE_NAMES = new Set(['wikipedia', 'wikimedia', 'wiktionary', 'reddit', 'twitter', 'unicode', 'likert']);

/**
 * A capitalised word the lexicon does not know that is still no method name: a language ("with
 * Hindi"), a source ("with Wikipedia"), an adjective made of a name ("Euclidean", "Bayesian",
 * "Quranic", "Gaussians"), or a head word that only types a phrase ("Parser", "Annotation").
 */
function commonCapital(t: Token): boolean {
  return LANGUAGES.has(t.lower) || SOURCE_NAMES.has(t.lower) || /(?:ian|ians|ean|ic|al|ive)$/.test(t.lower) || headTypeOf(t) !== null;
}

/** A run of capitalised words [i, j) directly naming something ("Householder Projector"). */
function titleCaseRun(tokens: readonly Token[], i: number): number {
  let j = i;
  while (j < tokens.length && j - i < 6 && tokens[j].sentence === tokens[i].sentence && /^[A-Z]/.test(tokens[j].text) && isWordToken(tokens[j])) j++;
  return j;
}

// Reused text after text (SpanMask.reset): extraction is synchronous and never re-enters here.
const METHOD_MASK = new SpanMask();

export function methodMentions(doc: Doc): Found[] {
  const out: Found[] = [];
  const { tokens, text } = doc;
  const mask = METHOD_MASK.reset(text.length);
  // Spans already claimed, as a list-like facade over the mask.
  const proposedSpans = {
    push: ([s, e]: [number, number]): void => mask.mark(s, e),
    some: (_: unknown, s = 0, e = 0): boolean => !mask.free(s, e),
  };
  const proposedNames = new Set<string>();
  const abbrevByParen = new Map<number, (typeof doc.abbreviations)[number]>();
  const abbrevOver = new Map<number, (typeof doc.abbreviations)[number]>();
  for (const a of doc.abbreviations) {
    abbrevByParen.set(a.to, a);
    for (let k = a.from; k < a.to; k++) abbrevOver.set(k, a);
  }

  const proposedTypes = new Map<string, 'method' | 'dataset'>();
  const propose = (f: Found, surface: string, data = false): void => {
    if (!mask.free(f.start, f.end)) return;
    mask.mark(f.start, f.end);
    proposedNames.add(surface);
    // A new dataset or benchmark is linked as data the paper evaluates on, not as a method.
    if (data) {
      f.type = 'dataset';
      f.role = 'evaluates_on';
      f.rule = `introduced-data:${f.rule}`;
    }
    proposedTypes.set(surface, data ? 'dataset' : 'method');
    out.push(f);
  };


  const proposeAbbrev = (a: (typeof doc.abbreviations)[number], rule: string, confidence: number): void => {
    const shortTok = tokens[a.short];
    const name = shortTok.text;
    if (GENERIC_ACRONYMS.has(name)) return;
    // A known method's long form ("self-supervised learning (SSL)") is used, not proposed.
    const known = doc.nameAt.get(a.from);
    if (known && known.to === a.to) return;
    const data = DATASET_NOUNS.has(tokens[a.to - 1].lower) || DATASET_NOUNS.has(tokens[a.short + 2]?.lower ?? '') || namesData(tokens, a.from, a.short + 2);
    propose(found('method', 'proposes', tokens[a.from].start, tokens[a.to - 1].end, rule, confidence, { name, alias: a.longText }), a.longText, data);
    propose(found('method', 'proposes', shortTok.start, shortTok.end, rule, confidence, { alias: a.longText }), name, data);
  };

  // 1. Titles that open with a name: "SEATER: Generative Retrieval with …".
  if (doc.field === 'title') {
    const colon = tokens.findIndex((t) => t.text === ':');
    if (colon > 0 && colon <= 3 && tokens.slice(0, colon).every((t) => isWordToken(t) && /^[A-Z0-9]/.test(t.text)) && !TITLE_STOP.has(tokens[0].lower) && !namesEvent(tokens, colon) && !namesTopic(tokens, colon)) {
      const start = tokens[0].start;
      const end = tokens[colon - 1].end;
      const surface = text.slice(start, end);
      const known = doc.nameAt.get(0);
      if (!(known && known.to >= colon && known.entry.type !== 'method') && !GENERIC_ACRONYMS.has(surface))
        propose(found('method', 'proposes', start, end, 'title-name', 0.9), surface, namesData(tokens, 0, colon));
    }
  }

  // Where rules 2, 3, 7 and "X-based" can fire, in token order (CUE_CLASS).
  const triggers: number[] = [];
  const appositives: number[] = [];
  const cues: number[] = [];
  const based: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.isWord) {
      if (t.text === ',' && i >= 1 && i + 2 < tokens.length) appositives.push(i - 1);
      continue;
    }
    const c = CUE_CLASS.of(t);
    if (c === 0) continue;
    if (c & TRIGGER) triggers.push(i);
    if (c & IS && i >= 1 && i + 2 < tokens.length) appositives.push(i - 1);
    if (c & CUE) cues.push(i);
    if (c & BASED) based.push(i);
  }

  // 2. Introducing verbs: the first name in the clause that follows.
  for (const i of triggers) {
    // "Named Entity (NE)", "named entity recognition": not an introducing verb.
    if (/^[A-Z]/.test(tokens[i].text) || tokens[i + 1]?.lower === 'entity' || tokens[i + 1]?.lower === 'entities') continue;
    // "propose to double …" introduces an action, not a name.
    if (tokens[i + 1] && tokens[i + 1].lower === 'to') continue;
    for (let k = i + 1; k < tokens.length && k - i <= 20 && sameSentence(doc, i, k); k++) {
      const t = tokens[k];
      if (t.text === ';' || t.text === ':' || CLAUSE_END.has(t.lower)) break;
      if (t.lower === 'to' && tokens[k + 1] && tokens[k + 1].tag.startsWith('VB')) break;
      const abbrev = t.text === '(' ? abbrevByParen.get(k) : abbrevOver.get(k);
      if (abbrev) {
        const headOk = abbrev.to - abbrev.from >= 1;
        if (headOk) proposeAbbrev(abbrev, `abbrev-after-${tokens[i].lower}`, 0.9);
        break;
      }
      if (candidateName(doc, k)) {
        // The long form of an acronym that follows is handled at the "(".
        if (tokens[k + 1]?.text === '(' && abbrevByParen.has(k + 1)) continue;
        const known = doc.nameAt.get(k);
        if (known) {
          // A known method after the verb is used, not proposed ("we propose a BERT-based …").
          continue;
        }
        propose(found('method', 'proposes', t.start, t.end, `name-after-${tokens[i].lower}`, 0.9), t.text, namesData(tokens, k, k + 1));
        break;
      }
      // "we propose Householder Projector, a …": capitalised words right after the verb (or "a"/"the").
      if ((k === i + 1 || (k === i + 2 && (tokens[i + 1].tag === 'DT'))) && /^[A-Z]/.test(t.text) && isWordToken(t) && !doc.nameAt.has(k)) {
        const j = titleCaseRun(tokens, k);
        const after = tokens[j];
        if (j - k >= 2 && after && (after.text === ',' || after.text === '(' || after.lower === 'to' || after.lower === 'that' || after.lower === 'which')) {
          const surface = text.slice(t.start, tokens[j - 1].end);
          propose(found('method', 'proposes', t.start, tokens[j - 1].end, `name-after-${tokens[i].lower}`, 0.8), surface, namesData(tokens, k, j));
          break;
        }
      }
    }
  }

  // 3. "X, a novel framework for …" / "X is a novel …" (X before a "," or "is").
  for (const i of appositives) {
    if (!candidateName(doc, i) || doc.nameAt.has(i)) continue;
    const k = i + 2;
    if (tokens[k].lower !== 'a' && tokens[k].lower !== 'an') continue;
    const window = tokens.slice(k + 1, k + 5);
    if (!window.some((t) => t.lower === 'novel' || t.lower === 'new' || t.lower === 'large-scale')) continue;
    const data = window.some((t) => DATASET_NOUNS.has(t.lower));
    if (!data && !window.some((t) => headTypeOf(t) === 'method')) continue;
    propose(found('method', 'proposes', tokens[i].start, tokens[i].end, 'appositive-novel', 0.85), tokens[i].text, data);
  }

  // 4. Repeats of a proposed name (most texts propose none).
  for (let i = 0; proposedNames.size > 0 && i < tokens.length; i++) {
    const t = tokens[i];
    if (!proposedNames.has(t.text)) continue;
    if (!mask.free(t.start, t.end)) continue;
    mask.mark(t.start, t.end);
    const data = proposedTypes.get(t.text) === 'dataset';
    out.push(found(data ? 'dataset' : 'method', data ? 'evaluates_on' : 'proposes', t.start, t.end, 'proposed-name-repeat', 0.85));
  }

  const taken = (s: number, e: number): boolean => !mask.free(s, e);

  // 5. Known methods from the gazetteer.
  for (const m of doc.names) {
    if (m.entry.type !== 'method' || taken(m.start, m.end)) continue;
    out.push(found('method', 'uses', m.start, m.end, 'gazetteer', 0.9, { key: m.entry.key }));
    proposedSpans.push([m.start, m.end]);
  }

  // 6. Acronym definitions of methods: "Graph neural networks (GNNs)", "Hierarchical Structured Neural Network (HSNN)".
  for (const a of doc.abbreviations) {
    const shortTok = tokens[a.short];
    if (taken(shortTok.start, shortTok.end)) continue;
    if (headTypeOf(tokens[a.to - 1]) !== 'method') continue;
    // The long form can itself be known ("conditional random fields (CRFs)").
    const known = doc.names.find((m) => m.start >= tokens[a.from].start && m.end === tokens[a.to - 1].end && m.entry.type === 'method');
    const key = known?.entry.key;
    const details = key ? { key } : { name: shortTok.text, alias: a.longText };
    if (!taken(tokens[a.from].start, tokens[a.to - 1].end)) out.push(found('method', 'uses', tokens[a.from].start, tokens[a.to - 1].end, 'abbrev-definition', 0.8, details));
    out.push(found('method', 'uses', shortTok.start, shortTok.end, 'abbrev-definition', 0.8, details));
    proposedSpans.push([tokens[a.from].start, shortTok.end]);
  }

  // 7. Names in "uses" contexts: "based on X", "outperforms ReAct", "compared with X", "X-based".
  for (const i of cues) {
    const cue = tokens[i].lower;
    const bigram = i + 1 < tokens.length && BIGRAM_FIRST.has(cue) ? `${cue} ${tokens[i + 1].lower}` : '';
    let from = -1;
    if (USE_BIGRAMS.has(bigram)) from = i + 2;
    else if (USE_CUES.has(cue)) from = i + 1;
    if (from < 0) continue;
    // Skip determiners and up to three modifiers: "based on a conditional Generative Adversarial Network".
    for (let k = from; k < tokens.length && k - from < 5 && sameSentence(doc, i, k); k++) {
      const t = tokens[k];
      if (!isWordToken(t)) break;
      // A name-like word, or a capitalised word the lexicon does not know ("outperforms Reflexion").
      // (Not in a title, where every word is capitalised: "with Adaptive Prompt Weighting".)
      const unknownCapital = doc.field !== 'title' && /^[A-Z][a-z]{2,}$/.test(t.text) && !posLexicon().has(t.lower) && !posLexicon().has(t.text) && STRONG_USE.has(cue) && !commonCapital(t);
      if ((candidateName(doc, k) || unknownCapital) && !taken(t.start, t.end) && !doc.nameAt.has(k)) {
        out.push(found('method', 'uses', t.start, t.end, `name-after-${bigram && USE_BIGRAMS.has(bigram) ? bigram.replace(' ', '-') : cue}`, 0.7));
        proposedSpans.push([t.start, t.end]);
        break;
      }
      if (t.tag !== 'DT' && t.tag !== 'JJ' && t.tag !== 'CD') break;
    }
  }
  // "X-based": a name before a "-based" suffix.
  for (const i of based) {
    const t = tokens[i];
    const length = BASED_NAME.of(t);
    if (doc.nameAt.has(i)) continue;
    const end = t.start + length;
    if (taken(t.start, end)) continue;
    out.push(found('method', 'uses', t.start, end, 'name-based', 0.7));
    proposedSpans.push([t.start, end]);
  }
  void isGenericHead;
  return out;
}
