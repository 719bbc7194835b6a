/**
 * Datasets and benchmarks a paper evaluates on (`evaluates_on`)
 * ==============================================================
 *
 * Known names from gazetteers/datasets.json ("CIFAR-10", "cifar 10", "MovieLens-1M"), with a
 * stated resolution as a variant ("ImageNet 64×64", "ImageNet $64\times 64$" → a variant of
 * ImageNet); and unseen names by pattern:
 *   - "the Criteo and Avazu datasets", "the DailyDialog corpus", "Penn Treebank": names before a
 *     dataset head noun;
 *   - "three public datasets (AmazonElectronics, TaobaoAds, and KuaiVideo)": a parenthesised list
 *     after a dataset noun, or after "datasets such as / including / namely";
 *   - "experiments on τ-bench, VitaBench and …": name-like items after an evaluation cue.
 */
import type { Doc, Found } from './doc.js';
import { found, isNameLike, SpanMask } from './doc.js';
import { isWordToken } from './gazetteer.js';
import type { Token } from './text.js';
import { GENERIC_ACRONYMS } from './methods.js';
import { isModifierWord } from './terms.js';
import { FOREIGN_FUNCTION_WORDS, namesLanguages } from './languages.js';
import { lowerCaseTag, posLexicon, WordMemo } from './text.js';

const DATASET_HEADS = new Set(['dataset', 'datasets', 'corpus', 'corpora', 'benchmark', 'benchmarks', 'treebank', 'treebanks', 'collection', 'suite', 'database', 'data', 'set', 'challenge', 'task', 'shared', 'testbed', 'leaderboard']);
const STRONG_HEADS = new Set(['dataset', 'datasets', 'corpus', 'corpora', 'benchmark', 'benchmarks', 'treebank', 'treebanks']);
const EVAL_CUES = new Set(['on', 'using']);
/** Nouns of the hardware a name before them designates ("A100 GPUs"). */
const HARDWARE = new Set(['gpu', 'gpus', 'tpu', 'tpus', 'cpu', 'cpus', 'npu', 'npus', 'cores']);
/** Singular head nouns that a name written in capitals takes into itself ("British National Corpus"). */
const NAME_HEADS = new Set(['dataset', 'corpus', 'benchmark', 'treebank']);
const STRONG_HEAD = 1;
const EVAL_CUE = 2;
/** Per word: STRONG_HEAD | EVAL_CUE bits (every token is tested, and most are neither). */
const CUE_CLASS = new WordMemo((t) => (STRONG_HEADS.has(t.lower) ? STRONG_HEAD : 0) | (EVAL_CUES.has(t.lower) ? EVAL_CUE : 0));
const EVAL_VERBS = new Set(['experiments', 'experiment', 'evaluate', 'evaluated', 'evaluates', 'evaluating', 'evaluation', 'evaluations', 'results', 'tested', 'test', 'tests', 'trained', 'train', 'performance', 'accuracy', 'state-of-the-art', 'sota', 'validate', 'validated', 'benchmarked', 'improvements', 'gains', 'fine-tuned', 'pretrained', 'pre-trained', 'outperforms', 'achieves', 'achieve', 'score', 'scores', 'f1', 'bleu']);
const LIST_SEPARATORS = new Set([',', 'and', 'or', '&', '/']);
// Capitalised words that start sentences or name languages, not datasets.
const NOT_NAMES = new Set(['Wikipedia', 'Twitter', 'Reddit', 'Facebook', 'Google', 'The', 'This', 'These', 'Our', 'We', 'In', 'On', 'For', 'English', 'Chinese', 'German', 'French', 'Japanese', 'Spanish', 'Arabic', 'Korean', 'Italian', 'Russian', 'Dutch', 'Czech', 'Turkish', 'Hindi', 'Table', 'Section', 'Figure', 'Experiments', 'Results', 'Extensive', 'Both', 'All', 'Each', 'Two', 'Three', 'Several', 'Various', 'Public', 'Real', 'Large', 'Experimental']);

/** Whether token i can be (part of) a dataset name not in the gazetteer. */
function nameToken(t: Token): boolean {
  if (!isWordToken(t) || NOT_NAMES.has(t.text) || isModifierWord(t.lower) || GENERIC_ACRONYMS.has(t.text)) return false;
  // Languages and language pairs ("English-German", "English-to-Turkish") are not datasets, nor is a French abstract's "Ce corpus".
  if (namesLanguages(t.lower)) return false;
  if (t.lower.length > 1 && FOREIGN_FUNCTION_WORDS.has(t.lower)) return false;
  return /^[A-Z0-9]/.test(t.text) || isNameLike(t.text) || /[a-z][A-Z]/.test(t.text);
}

/** An edition of a series: "SemEval-2017 Task 10", "CoNLL 2002", "WMT'14", "SMM4H 2021 Task 3". */
const EDITION = /^(?:[ -]|['’])?(\d{4}|\d{2})\b(?:[ ]?[-:,]?[ ]?(?:[Ss]hared )?[Tt]ask[ ]?[-#]?[ ]?(\d{1,2})\b)?/;

/** A word the lexicon knows as ordinary English (not a proper noun, not name-like). */
function commonWord(t: Token): boolean {
  const tag = posLexicon().get(t.lower);
  return tag !== undefined && tag !== 'NNP' && tag !== 'NNPS' && !isNameLike(t.text);
}

/**
 * A word that describes a kind of data rather than naming one: an adjective or participle the
 * lexicon knows ("Parsed"), a hyphenated one by its last part ("Domain-specific", "POS-tagged",
 * "PoS-Tagged", "Million-Scale"), an unknown word with an adjective's ending ("Monolingual",
 * "Icelandic") or a negated participle ("Untagged"), or a dimension ("3D"). Names such as
 * "Szeged" or "TIGER", and name-like words, are not.
 */
function describesKind(t: Token): boolean {
  // "3D datasets", "2D corpora": a dimension, though it has a capital and a digit.
  if (/^\d+D$/.test(t.text)) return true;
  // A hyphenated word ending in a lower-case participle describes, however its first part is written.
  const dash = t.text.lastIndexOf('-');
  if (dash > 0 && /^[A-Za-z][a-z]+$/.test(t.text.slice(dash + 1)) && (/^(?:JJ|VBN)$/.test(lowerCaseTag(t.lower)) || KIND_ENDINGS.has(t.lower.slice(dash + 1)))) return true;
  if (isNameLike(t.text)) return false;
  if (t.lower.includes('-')) return /^(?:JJ|VBN|VBG)$/.test(lowerCaseTag(t.lower));
  const tag = posLexicon().get(t.lower);
  if (tag !== undefined) return /^(?:JJ|VBN|VBG|VBD|RB)/.test(tag);
  // Not any "-ed" ending: "Szeged" is a name. A negated participle or adjective is not ("Untagged", "Nonparallel").
  const negated = /^(?:un|non)-?(.{3,})$/.exec(t.lower);
  if (negated && /^(?:JJ|VBN)$/.test(posLexicon().get(negated[1]) ?? '')) return true;
  return /(?:al|ic|ive|ous)$/.test(t.lower);
}

/** Last parts of a hyphenated word that say how big, fine or varied the data is ("Million-Scale", "Multi-Domain", "High-Quality"). */
const KIND_ENDINGS = new Set(['scale', 'level', 'size', 'sized', 'quality', 'resolution', 'domain', 'purpose', 'source', 'grained', 'modal', 'lingual', 'turn', 'hop', 'view', 'shot']);

/** The variant suffix after a dataset name: " 64×64", " $64\times 64$", " 256x256". */
const VARIANT = /^\s*\$?\s*(\d{1,4})\s*(?:×|x|\\times)\s*(\d{1,4})\s*\$?/;

// Reused text after text (SpanMask.reset): extraction is synchronous and never re-enters here.
const DATASET_MASK = new SpanMask();

export function datasetMentions(doc: Doc): Found[] {
  const out: Found[] = [];
  const { tokens, text } = doc;
  const mask = DATASET_MASK.reset(text.length);
  const spans = { push: ([s, e]: [number, number]): void => mask.mark(s, e) };
  const add = (f: Found): void => {
    if (!mask.free(f.start, f.end)) return;
    mask.mark(f.start, f.end);
    out.push(f);
  };

  // 1. Known datasets, with resolution variants.
  for (const m of doc.names) {
    if (m.entry.type !== 'dataset') continue;
    const rest = text.slice(m.end, m.end + 24);
    const v = VARIANT.exec(rest);
    const e = m.entry.series ? EDITION.exec(text.slice(m.end, m.end + 32)) : null;
    if (m.entry.series && !(m.entry.linkBare && !e)) {
      // An evaluation campaign ("SemEval-2019 Task 3", "CoNLL 2018 shared task") is not itself a
      // dataset; the named task's data is: "SemEval-2019 Task 3: EmoContext".
      const after = m.end + (e ? e[0].length : 0);
      const named = /^\s*(?::|-|–|\()\s*([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)/.exec(text.slice(after, after + 60));
      if (e?.[2] && named && isNameLike(named[1]) && !GENERIC_ACRONYMS.has(named[1])) {
        const start = after + named[0].length - named[1].length;
        add(found('dataset', 'evaluates_on', start, start + named[1].length, 'shared-task-name', 0.8));
      }
      spans.push([m.start, after]);
      continue;
    }
    if (v) {
      const end = m.end + v[0].replace(/\s+$/, '').length;
      add(found('dataset', 'evaluates_on', m.start, end, 'gazetteer-variant', 0.9, { name: `${m.entry.name} ${v[1]}×${v[2]}`, variantOf: m.entry.variantOf ?? m.entry.key }));
    } else add(found('dataset', 'evaluates_on', m.start, m.end, 'gazetteer', 0.9, { key: m.entry.key }));
  }

  const known = (i: number): boolean => doc.nameAt.has(i) && doc.nameAt.get(i)!.entry.type !== 'dataset';

  // Where the dataset head nouns are: rules 2 and 3 both start from them (one scan, not two).
  const heads: number[] = [];
  for (let h = 0; h < tokens.length; h++) if (CUE_CLASS.of(tokens[h]) & STRONG_HEAD) heads.push(h);

  // 2. "the X and Y datasets", "the X corpus": name runs before a dataset head noun.
  for (const h of heads) {
    if (h < 1) continue;
    let k = h - 1;
    const items: Array<[number, number]> = [];
    // Walk back over "X , Y and Z" name runs.
    while (k >= 0 && tokens[k].sentence === tokens[h].sentence) {
      let j = k;
      while (j >= 0 && nameToken(tokens[j]) && !known(j) && k - j < 3) j--;
      if (j === k) break;
      items.unshift([j + 1, k + 1]);
      k = j;
      if (k >= 0 && LIST_SEPARATORS.has(tokens[k].lower)) {
        k--;
        if (k >= 0 && tokens[k].lower === 'and') k--;
      } else break;
    }
    for (const [a0, b] of items) {
      // Title case is not a name: "A Large-Scale Multilingual Dataset". Keep runs with an uncommon word,
      // without their leading adjectives ("Large-Scale XS-Video" → "XS-Video").
      // (Only where words are title-cased: titles and sentence starts; "the Newsroom dataset" is a name.)
      const titleCased = doc.field === 'title' || a0 === 0 || tokens[a0 - 1].sentence !== tokens[a0].sentence || (a0 > 0 && /^[A-Z]/.test(tokens[a0 - 1].text) && isWordToken(tokens[a0 - 1]));
      if (titleCased && !tokens.slice(a0, b).some((t) => !commonWord(t))) continue;
      // A name needs a name-like word or a word the lexicon does not know ("XS-Video", "Mastodon").
      if (!tokens.slice(a0, b).some((t) => isNameLike(t.text) || !posLexicon().has(t.lower))) continue;
      let a = a0;
      while (a < b - 1 && commonWord(tokens[a]) && /^(?:JJ|VBN|RB|VBG)/.test(posLexicon().get(tokens[a].lower) ?? '')) a++;
      // One capitalised word saying what kind of corpus, not which: "Monolingual corpora",
      // "Multi-modal datasets", "POS-tagged corpus", "Icelandic corpus".
      if (b - a === 1 && describesKind(tokens[a])) continue;
      // A capitalised head after a capitalised name is written as part of it ("the British National
      // Corpus", "the Szeged Treebank", "the TechQA Dataset"): the mention spans it, the key stays
      // the name's, so "the Szeged treebank" and listings that name the data without the head
      // ("TechQA") meet it.
      const headInName = items.length === 1 && b === h && NAME_HEADS.has(tokens[h].lower) && /^[A-Z]/.test(tokens[h].text) && tokens.slice(a, b).every((t) => /^[A-Z0-9]/.test(t.text));
      addName(a, b, 'name-before-dataset-noun', 0.8, headInName);
    }
  }

  // 3. Parenthesised lists after a dataset noun: "three public datasets (A, B, and C)";
  //    and lists after "datasets such as / including / namely / :".
  for (const h of heads) {
    if (h + 1 >= tokens.length) continue;
    let k = h + 1;
    const opened = tokens[k].text === '(' || tokens[k].text === ':';
    if (opened) k++;
    else if (tokens[k].lower === 'such' && tokens[k + 1]?.lower === 'as') k += 2;
    else if (tokens[k].lower === 'including' || tokens[k].lower === 'namely' || (tokens[k].text === ',' && (tokens[k + 1]?.lower === 'namely' || tokens[k + 1]?.lower === 'including'))) k += tokens[k].text === ',' ? 2 : 1;
    else continue;
    readList(k, tokens[h].sentence, 'dataset-list', 0.85, false, opened);
  }

  // 4. Name-like items after an evaluation cue: "experiments on τ-bench, VitaBench and X".
  for (let i = 1; i + 1 < tokens.length; i++) {
    if (!(CUE_CLASS.of(tokens[i]) & EVAL_CUE)) continue;
    // An evaluation word within the six tokens before "on".
    let cue = false;
    for (let k = Math.max(0, i - 6); k < i; k++) if (EVAL_VERBS.has(tokens[k].lower) && tokens[k].sentence === tokens[i].sentence) cue = true;
    if (!cue) continue;
    let k = i + 1;
    if (tokens[k]?.lower === 'the') k++;
    readList(k, tokens[i].sentence, 'name-after-evaluation', 0.7, true);
  }

  /** Adds tokens [a, b) as a dataset name; `withHead`: the head noun at b is written as part of it. */
  function addName(a: number, b: number, rule: string, confidence: number, withHead = false): void {
    // The span's last token: the head noun when it is part of the name.
    const last = withHead ? b : b - 1;
    const start = tokens[a].start;
    const end = tokens[last].end;
    const surface = text.slice(start, end);
    if (GENERIC_ACRONYMS.has(surface) || doc.nameAt.has(a)) return;
    if (!/[A-Za-z]/.test(surface)) return;
    // A count is no name ("on 10 benchmarks"), nor is the hardware a model ran on ("on 4 A100 GPUs").
    if (/^\d+$/.test(tokens[a].text) || HARDWARE.has(tokens[last + 1]?.lower ?? '')) return;
    // One common English word is not a dataset name ("Graph dataset" opening a sentence).
    if (b - a === 1 && !isNameLike(surface) && posLexicon().has(tokens[a].lower) && (a === 0 || tokens[a - 1].sentence !== tokens[a].sentence)) return;
    // "the British National Corpus (BNC)": the name and its acronym are one dataset, keyed on the
    // acronym. (The long form may start a word before the name: an adjective the run left out.)
    const defined = doc.abbreviations.find((d) => d.to === last + 1 && d.from <= a && d.from >= a - 1);
    if (defined && rule === 'name-before-dataset-noun') {
      const short = tokens[defined.short];
      add(found('dataset', 'evaluates_on', start, end, rule, confidence, { name: defined.shortText, alias: surface }));
      add(found('dataset', 'evaluates_on', short.start, short.end, 'dataset-abbreviation', confidence, { alias: surface }));
      return;
    }
    if (withHead) {
      const name = text.slice(start, tokens[b - 1].end);
      add(found('dataset', 'evaluates_on', start, end, rule, confidence, { name, alias: name }));
    } else add(found('dataset', 'evaluates_on', start, end, rule, confidence));
  }

  /**
   * Reads "A, B, and C" from token k; strict lists need name-like items. After a "(" or ":"
   * (`opened`) the first item must end where a list item ends: "raw corpora (Identification
   * automatique des …)" opens a phrase (here a French title), not a list.
   */
  function readList(k: number, sentence: number, rule: string, confidence: number, strict = false, opened = false): void {
    const items: Array<[number, number]> = [];
    while (k < tokens.length && tokens[k].sentence === sentence && items.length < 12) {
      // Skip LaTeX-ish decoration: "$τ$-bench".
      let a = k;
      while (a < tokens.length && (tokens[a].text === '$' || tokens[a].text === '^' || tokens[a].text === '{' || tokens[a].text === '}')) a++;
      let b = a;
      while (b < tokens.length && tokens[b].sentence === sentence && (nameToken(tokens[b]) || (b > a && (tokens[b].text === '-' || tokens[b].text === '$' || tokens[b].text === '^' || /^\d/.test(tokens[b].text) || /^-?bench/i.test(tokens[b].text)))) && b - a < 4) b++;
      // A gazetteer name as an item: take it whole.
      const g = doc.nameAt.get(a);
      if (g) b = Math.max(b, g.to);
      if (b === a) break;
      items.push([a, b]);
      k = b;
      // A parenthetical after an item: "ESM-1b (single sequence)".
      if (tokens[k]?.text === '(') {
        let close = k + 1;
        while (close < tokens.length && close - k <= 8 && tokens[close].text !== ')' && tokens[close].sentence === sentence) close++;
        if (close >= tokens.length || tokens[close].text !== ')' || close - k > 8) break;
        k = close + 1;
      }
      if (tokens[k] && tokens[k].text === ',') k++;
      if (tokens[k] && (tokens[k].lower === 'and' || tokens[k].lower === 'or')) k++;
      else if (tokens[k - 1]?.text !== ',') break;
    }
    const afterFirst = items.length > 0 ? tokens[items[0][1]] : undefined;
    if (opened && afterFirst?.isWord && !LIST_SEPARATORS.has(afterFirst.lower)) return;
    for (const [a, b] of items) {
      const g = doc.nameAt.get(a);
      if (g) continue; // known names are linked by rule 1 (or are methods, metrics, tasks)
      const surfaceTokens = tokens.slice(a, b).filter(isWordToken);
      // "Llama-3.1 70B": a model size marks a model, not data.
      if (surfaceTokens.some((t) => /^\d+(?:\.\d+)?[BMK]$/.test(t.text))) continue;
      if (strict && !surfaceTokens.some((t) => isNameLike(t.text) || /bench|QA$|NLI$|Net$|Bank$/i.test(t.text))) continue;
      addName(a, b, rule, confidence);
    }
  }

  return out;
}
