/**
 * Typed scientific terms: noun phrases typed by their head word
 * =============================================================
 *
 * Chunks each sentence into noun phrases (adjectives and nouns ending on a noun, over the
 * tags of text.ts), strips leading determiners and evaluative words ("our novel", "the proposed"),
 * and types a phrase by its head: "dependency parsing" → task, "maximum entropy model" → method,
 * "word error rate" → metric, "Switchboard corpus" → material. A lone generic head ("the model",
 * "this task", "state-of-the-art baselines") is never a term. Task phrases take a following
 * "of …" complement ("recognition of named entities"). Head lists live in gazetteers/heads.json.
 */
import type { Token } from './text.js';
import { capitalisedWord, isNoun, lowerCaseTag, tagBeyondCapitals, WordMemo } from './text.js';
import headsData from './gazetteers/heads.json' with { type: 'json' };

export type TermType = 'method' | 'task' | 'metric' | 'material';

export interface Term {
  type: TermType;
  /** Token range [from, to). */
  from: number;
  to: number;
  start: number;
  end: number;
  /** Lower-cased head word. */
  head: string;
  /** Token index of the head. */
  headIndex: number;
}

interface Heads {
  task: string[];
  method: string[];
  metric: string[];
  material: string[];
  generic: string[];
  modifiers: string[];
  taskSingle: string[];
  methodSingle: string[];
}
const HEADS = headsData as unknown as Heads;

const HEAD_TYPE = new Map<string, TermType>();
// Earlier lists win where a word is in several ("loss" is a method's, "accuracy" a metric).
for (const [type, words] of [['metric', HEADS.metric], ['task', HEADS.task], ['method', HEADS.method], ['material', HEADS.material]] as const) {
  for (const w of words) if (!HEAD_TYPE.has(w)) HEAD_TYPE.set(w, type);
}
const GENERIC = new Set(HEADS.generic);
const TASK_SINGLE = new Set(HEADS.taskSingle);
const METHOD_SINGLE = new Set(HEADS.methodSingle);
/** Metric heads that say "a metric" without saying which, and the words that leave them so. */
const GENERIC_METRIC_HEADS = new Set(['metric', 'measure']);
const GENERIC_METRIC_MODIFIERS = new Set(['evaluation', 'performance', 'automatic', 'automated', 'human', 'statistical', 'quantitative', 'qualitative']);
/** Words that make a "rate" or a "score" a hyperparameter or a model's inner quantity ("learning rate", "attention scores"). */
const NOT_METRIC_MODIFIERS = new Set(['learning', 'dropout', 'attention', 'masking', 'mask', 'sampling', 'warmup']);
/** Task heads that say "a task" without saying which: the words before them have to name it. */
const TASK_WORDS = new Set(['task', 'problem']);
/** Words before "task" that name an event or a field, not a task. */
const NOT_TASK_NAMES = new Set(['shared', 'semeval', 'research', 'benchmark', 'evaluation', 'pilot', 'downstream']);
const KIND_TAGS = new Set(['JJ', 'JJR', 'JJS', 'VBN', 'VBD', 'RB', 'CD']);

/** Whether tokens [from, head) before "task" / "problem" name the task: not only words of kind (adjectives, participles, numbers), no year, no event word last. */
function namesTask(tokens: readonly Token[], from: number, head: number): boolean {
  if (head <= from) return false;
  if (NOT_TASK_NAMES.has(tokens[head - 1].lower)) return false;
  let kindOnly = true;
  for (let k = from; k < head; k++) {
    if (/(?:19|20)\d\d/.test(tokens[k].text)) return false;
    // A capitalised word is read as in lower case ("Auxiliary tasks" at a sentence start, "Shared Task" in a title).
    const t = tokens[k];
    const tag = (t.tag === 'NNP' || t.tag === 'NNPS') && capitalisedWord(t.text) ? lowerCaseTag(t.lower) : t.tag;
    if (!KIND_TAGS.has(tag)) kindOnly = false;
  }
  return !kindOnly;
}
const GENERIC_METHOD_HEADS = new Set(['model', 'method', 'approach', 'system', 'algorithm', 'framework', 'technique', 'scheme', 'procedure', 'strategy', 'mechanism', 'architecture', 'network', 'module', 'solution', 'tool', 'formulation', 'methodology']);
const MODIFIERS = new Set(HEADS.modifiers);
/** Per word: 1 when its lower case is a leading modifier to strip ("our", "novel"), else 0. */
const MODIFIER = new WordMemo((t) => (MODIFIERS.has(t.lower) ? 1 : 0));

const NP_TAGS = new Set(['JJ', 'JJR', 'JJS', 'NN', 'NNS', 'NNP', 'NNPS', 'CD', 'FW', 'VBN']);

/** Singular of a lower-case noun, by the regular English rules. */
export function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

const headTypeCache = new Map<string, TermType | null>();

/** The term type a head word gives, or null (cached: the singular costs a regex and a substring). */
export function headType(head: string): TermType | null {
  let type = headTypeCache.get(head);
  if (type === undefined) {
    const h = head.includes('-') ? head.slice(head.lastIndexOf('-') + 1) : head;
    type = HEAD_TYPE.get(h) ?? HEAD_TYPE.get(singular(h)) ?? null;
    if (headTypeCache.size > 100_000) headTypeCache.clear();
    headTypeCache.set(head, type);
  }
  return type;
}

const TERM_TYPES: ReadonlyArray<TermType | null> = [null, 'metric', 'task', 'method', 'material'];
const headTypeMemo = new WordMemo((t) => TERM_TYPES.indexOf(headType(t.lower)));

/** headType of a token's lower-cased word, read by the word's number. */
export function headTypeOf(t: Token): TermType | null {
  return TERM_TYPES[headTypeMemo.of(t)];
}

export function isGenericHead(head: string): boolean {
  return GENERIC.has(head) || GENERIC.has(singular(head));
}

export function isModifierWord(lower: string): boolean {
  return MODIFIERS.has(lower);
}

/**
 * Noun-phrase chunks [from, to) of the token list, leading modifiers stripped. In a title
 * (`title`), a capitalised word opens a phrase only when it could do so in lower case: "Enhancing
 * Code Large Language Models" and "Towards Fast Multilingual LLM Inference" open on a verb and a
 * preposition, which the tagger read as names (text.ts `tagBeyondCapitals`).
 */
export function nounPhrases(tokens: readonly Token[], title = false): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    if (!NP_TAGS.has(tokens[i].tag) || (title && !NP_TAGS.has(tagBeyondCapitals(tokens[i])))) {
      i++;
      continue;
    }
    let j = i;
    const sentence = tokens[i].sentence;
    while (j < tokens.length && tokens[j].sentence === sentence) {
      const t = tokens[j];
      if (NP_TAGS.has(t.tag)) {
        // A participle continues a phrase only before a noun ("supervised learning").
        if (t.tag === 'VBN' && !(tokens[j + 1] && isNoun(tokens[j + 1].tag))) break;
        j++;
      } else if ((t.text === '-' || t.text === '/') && j > i && tokens[j + 1] && NP_TAGS.has(tokens[j + 1].tag) && tokens[j + 1].start === t.end && tokens[j - 1].end === t.start) j++;
      else break;
    }
    let from = i;
    let to = j;
    // Trim to the last noun.
    while (to > from && !isNoun(tokens[to - 1].tag)) to--;
    // Strip leading determiners, numbers and evaluative words.
    while (from < to && (MODIFIER.of(tokens[from]) === 1 || tokens[from].tag === 'CD' && !/[a-z]/i.test(tokens[from].text) || tokens[from].text === '-' || tokens[from].text === '/')) from++;
    if (to > from) out.push([from, to]);
    i = Math.max(j, i + 1);
  }
  return out;
}

/** Typed terms of a tokenised text (`title`: a title, whose capitals nounPhrases reads as style). */
export function typedTerms(tokens: readonly Token[], title = false): Term[] {
  const terms: Term[] = [];
  for (const [from, initialTo] of nounPhrases(tokens, title)) {
    let to = initialTo;
    const headToken = tokens[to - 1];
    const head = headToken.lower;
    const headSingular = singular(head);
    const type = headTypeOf(headToken);
    if (!type) continue;
    if (to - from === 1 && isGenericHead(head)) continue;
    // One word is a term only when it names a task by itself ("parsing", not "predictions") or a metric.
    if (to - from === 1 && !(type === 'task' && TASK_SINGLE.has(head)) && !(type === 'method' && METHOD_SINGLE.has(head)) && type !== 'metric') continue;
    if (to - from === 1 && type === 'metric' && !['accuracy', 'precision', 'recall', 'perplexity', 'f1', 'f-measure', 'f-score', 'bleu', 'rouge'].includes(head)) continue;
    // "automatic metrics", "evaluation measures": a metric head says only that some metric is meant.
    if (type === 'metric' && GENERIC_METRIC_HEADS.has(headSingular) && tokens.slice(from, to - 1).every((t) => t.tag === 'JJ' || t.tag === 'VBN' || GENERIC_METRIC_MODIFIERS.has(t.lower))) continue;
    // "learning rate", "attention scores": a setting or an inner quantity of a model, not what it is measured by.
    if (type === 'metric' && to - from === 2 && (headSingular === 'rate' || headSingular === 'score') && NOT_METRIC_MODIFIERS.has(tokens[from].lower)) continue;
    // "computational model", "prototype system": adjectives before a generic head leave it generic.
    if (GENERIC_METHOD_HEADS.has(headSingular) && tokens.slice(from, to - 1).every((t) => t.tag === 'JJ' || t.tag === 'VBN' || t.tag === 'JJR' || t.tag === 'JJS' || t.tag === 'RB') && !tokens.slice(from, to - 1).some((t) => t.text.includes('-') || /[A-Z]/.test(t.text))) continue;
    // "X task", "X problem" names a task ("classification task", "NER task"), but not when X only
    // says what kind ("shared task", "open problems", "auxiliary tasks") or which event or field it
    // belongs to ("SemEval-2020 Task", "CoNLL 2018 Shared Task"). An "of" after it says which
    // ("the classical problem of weighted expert voting").
    if (type === 'task' && TASK_WORDS.has(headSingular) && tokens[to]?.lower !== 'of' && !namesTask(tokens, from, to - 1)) continue;
    let termType: TermType = type;
    // "unsupervised learning of parts of speech" is a task.
    if (head === 'learning' && tokens[to]?.lower === 'of') termType = 'task';
    // "recognition of named entities": a task head takes its "of" complement.
    if (termType === 'task' && tokens[to] && tokens[to].lower === 'of' && tokens[to].sentence === headToken.sentence) {
      let k = to + 1;
      if (tokens[k] && (tokens[k].tag === 'DT' || tokens[k].tag === 'PRP$')) k++;
      let m = k;
      while (m < tokens.length && tokens[m].sentence === headToken.sentence && (NP_TAGS.has(tokens[m].tag) && tokens[m].tag !== 'VBN') ) m++;
      while (m > k && !isNoun(tokens[m - 1].tag)) m--;
      if (m > k && m - k <= 4) to = m;
    }
    terms.push({ type: termType, from, to, start: tokens[from].start, end: tokens[to - 1].end, head: headSingular, headIndex: initialTo - 1 });
  }
  return terms;
}
