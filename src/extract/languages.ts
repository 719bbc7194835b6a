import { createRequire } from 'node:module';

/**
 * Language names and codes, lower case: capitalised words that name a language ("Hindi",
 * "Serbian", "EN") and never a dataset or a method, though a pattern for names would take them.
 */
export const LANGUAGES: ReadonlySet<string> = new Set([
  'english', 'chinese', 'german', 'french', 'japanese', 'spanish', 'arabic', 'korean', 'italian', 'russian', 'dutch', 'czech',
  'turkish', 'hindi', 'portuguese', 'vietnamese', 'thai', 'indonesian', 'swedish', 'finnish', 'greek', 'hebrew', 'persian', 'polish',
  'romanian', 'urdu', 'bengali', 'tamil', 'estonian', 'latvian', 'lithuanian', 'hungarian', 'danish', 'norwegian', 'bulgarian', 'croatian',
  'serbian', 'slovenian', 'slovak', 'ukrainian', 'basque', 'catalan', 'galician', 'welsh', 'irish', 'swahili', 'yoruba', 'amharic',
  'nepali', 'sinhala', 'kazakh', 'mongolian', 'tagalog', 'malay', 'khmer', 'burmese', 'uyghur', 'tibetan', 'latin', 'sanskrit',
  'cantonese', 'mandarin', 'gujarati', 'marathi', 'telugu', 'kannada', 'malayalam', 'punjabi', 'en', 'de', 'fr', 'zh',
  'ja', 'es', 'ru', 'ar', 'ko', 'it', 'cs', 'ro', 'fi', 'et', 'lv', 'tr',
  'hi', 'farsi', 'uighur', 'afrikaans', 'manipuri', 'dari', 'pashto', 'kurdish', 'zulu', 'xhosa', 'hausa', 'igbo',
  'somali', 'oromo', 'tigrinya', 'quechua', 'maltese', 'icelandic', 'albanian', 'armenian', 'georgian', 'azerbaijani', 'uzbek', 'tatar',
  'belarusian', 'macedonian', 'bosnian', 'lao', 'javanese', 'sundanese', 'cebuano', 'wolof', 'lingala', 'kinyarwanda', 'luganda', 'assamese',
  'odia', 'oriya', 'sindhi', 'kashmiri', 'konkani', 'maithili', 'bhojpuri',
]);

/**
 * The function words of the other languages papers are written in (natural's stop-word lists for
 * French, Spanish, Portuguese, Italian and Dutch), minus English words among them ("son", "over").
 * A French abstract's "Ce corpus …" ("this corpus") names no corpus "Ce", and a thread of French
 * papers is not about "par, pour".
 */
export const FOREIGN_FUNCTION_WORDS: ReadonlySet<string> = foreignFunctionWords();

function foreignFunctionWords(): Set<string> {
  const require = createRequire(import.meta.url);
  const english = new Set(['son', 'ton', 'era', 'door', 'men', 'die', 'want', 'entre', 'mon', 'come', 'dove', 'over', 'sin', 'con', 'tot']);
  const out = new Set<string>();
  for (const language of ['fr', 'es', 'pt', 'it', 'nl']) {
    const words = (require(`natural/lib/natural/util/stopwords_${language}.js`) as { words: string[] }).words;
    for (const w of words) if (!english.has(w)) out.add(w);
  }
  return out;
}

/** Words that join languages into a pair or a description: "English-to-German", "English-language", "Hindi-speaking". */
const LANGUAGE_JOINERS = new Set(['to', 'language', 'languages', 'speaking', 'only']);

/** Whether a word (lower case) is a language, a language pair or a description of one: "hindi", "english-german", "english-to-turkish", "english-language". */
export function namesLanguages(lower: string): boolean {
  const parts = lower.split('-');
  return parts.some((p) => LANGUAGES.has(p)) && parts.every((p) => LANGUAGES.has(p) || LANGUAGE_JOINERS.has(p));
}
