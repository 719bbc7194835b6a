/**
 * phrases — the noun phrases a thread label is chosen from
 * ========================================================
 *
 * A thread's label should name a topic ("word sense disambiguation", "CTR prediction"), not a
 * clause fragment ("models generate") or a lone adjective ("variational"). The candidates of a
 * text are therefore its runs of modifiers and nouns as the extractors tag them (extract/text.ts:
 * natural's lexicon with contextual repairs; a title's capitals do not make its adjectives names:
 * text.ts `tagBeyondCapitals`), cut into every sub-run of one to four words that
 * ends on a noun. A run never crosses punctuation, a stop word (tokenize.ts, minus the few words
 * labels need inside a phrase: "consistency models", "state space models"), a number, or a word
 * tagged as anything but an adjective, participle or noun (verbs, adverbs, prepositions …).
 *
 * Keys are stemmed per hyphen-separated part (plurals merge); surfaces keep their case, so
 * acronyms stay acronyms, and a capitalised word is shown lower-case ("Consistency models" at a
 * sentence start reads "consistency models").
 */
import { tagBeyondCapitals, tokenize as tagWords } from '../extract/text.js';
import { keepToken, LABEL_STOPWORDS, stem, STOPWORDS, withoutMarkup } from './tokenize.js';

/** A candidate label phrase: its stemmed key and the surface form it was written in. */
export interface Phrase {
  key: string;
  surface: string;
}

/** The longest candidate, in words ("monte carlo tree search"). */
export const MAX_PHRASE_WORDS = 4;

/** What a phrase may do with a word, from its tag. */
const BREAK = 0;
const MODIFIER = 1;
const NOUN = 2;

function roleOf(tag: string): number {
  switch (tag) {
    case 'NN':
    case 'NNS':
    case 'NNP':
    case 'NNPS':
      return NOUN;
    case 'JJ':
    case 'JJR':
    case 'JJS':
    case 'VBN':
    case 'VBG':
      return MODIFIER;
    default:
      return BREAK;
  }
}

/** A surface word as labels see it (cached per spelling: a corpus repeats its words). */
interface PhraseWord {
  key: string;
  surface: string;
  /** Not a stop word or a number: may be part of a phrase. */
  ok: boolean;
  /** May stand alone as a one-word label term ("model" may end a phrase but names no topic). */
  alone: boolean;
}
const phraseWords = new Map<string, PhraseWord>();

function phraseWord(word: string): PhraseWord {
  let w = phraseWords.get(word);
  if (!w) {
    // "model's" → "model"; French elisions go: "d’un" → "un", "l’apprentissage" → "apprentissage".
    const surface = word.replace(/['’]s$/, '').replace(/^(?:[dljnsc]|qu)['’](?=\p{L})/iu, '');
    const lower = surface.toLowerCase();
    const ok = keepToken(lower, LABEL_STOPWORDS) && lower.length <= 30;
    w = {
      key: ok ? lower.split('-').map(stem).join('-') : '',
      surface: /^[A-Z][a-z]+$/.test(surface) ? lower : surface,
      ok,
      alone: ok && !STOPWORDS.has(lower),
    };
    if (phraseWords.size > 500_000) phraseWords.clear(); // bounded in a long-lived process
    phraseWords.set(word, w);
  }
  return w;
}

/** Every noun phrase of one to MAX_PHRASE_WORDS words in `text`, in text order, shortest first at each end. */
export function phrases(text: string): Phrase[] {
  const out: Phrase[] = [];
  // The current run's last MAX_PHRASE_WORDS words, oldest first.
  const run: PhraseWord[] = [];
  for (const token of tagWords(withoutMarkup(text))) {
    const role = token.isWord ? roleOf(tagBeyondCapitals(token)) : BREAK;
    const word = role === BREAK ? null : phraseWord(token.text);
    if (word === null || !word.ok) {
      run.length = 0;
      continue;
    }
    if (run.length === MAX_PHRASE_WORDS) run.shift();
    run.push(word);
    if (role !== NOUN) continue;
    if (word.alone) out.push({ key: word.key, surface: word.surface });
    for (let n = 2; n <= run.length; n++) {
      const words = run.slice(run.length - n);
      out.push({ key: words.map((w) => w.key).join(' '), surface: words.map((w) => w.surface).join(' ') });
    }
  }
  return out;
}
