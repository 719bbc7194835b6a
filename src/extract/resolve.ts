/**
 * Entity resolution: one key per real entity
 * ==========================================
 *
 * Keys are stable and depend only on the name (`dataset:cifar-10`, `method:seater`):
 *   - a gazetteer name keys on its canonical entry, so "CIFAR10", "CIFAR-10" and "cifar 10"
 *     are one dataset;
 *   - an acronym and its long form key on the acronym ("Collaborative Ensemble Training
 *     Network (CETNet)" → `method:cetnet`), and across the corpus a paper that writes only the
 *     long form links to the same node — unless the corpus defines the acronym as different
 *     things ("CL": continual learning in one paper, curriculum learning in another). Then every
 *     long form keeps its own key, a paper's own uses of the acronym go to the long form it
 *     defines, and the acronym in a paper that does not define it stays a node of its own;
 *   - a phrase opening on an acronym joins the phrase of its long form when a paper writes that
 *     one ("MT systems" → "machine translation systems"), if the long form's initials spell it;
 *   - plural acronyms and phrases fold to the singular ("GNNs" → `method:gnn`; capitals that are
 *     only a sentence start's or a title's do not stop it), trailing "task"/"problem" words drop
 *     from task keys ("CTR prediction tasks" → `task:ctr-prediction`);
 *   - keys that differ only in spaces and hyphens ("U-Fold", "UFold") merge into the most
 *     frequent spelling; a variant ("ImageNet 64×64") keeps its own key with `variantOf`.
 */
import type { Entity, EntityType, Mention } from '../types.js';
import { joined, slug } from '../graph/keys.js';
import type { Found } from './doc.js';
import { gazetteer } from './gazetteer.js';
import { singular } from './terms.js';
import { stem } from '../threads/tokenize.js';
import { isSpace } from './text.js';

const TASK_TAILS = new Set(['task', 'tasks', 'problem', 'problems']);

/** The name a found span keys on. */
export function foundName(f: Found, text: string): string {
  return f.name ?? text.slice(f.start, f.end);
}

/** The slug of a name for one entity type, with plural and task-tail folding (`slugOfName`: slug(name), when the caller has it). */
export function nameSlug(type: EntityType, name: string, slugOfName?: string): string {
  const clean = name.replace(/\$/g, '').replace(/\\times/g, '×').replace(/(\d)\s*×\s*(\d)/g, '$1x$2');
  // "GNNs" → "GNN", "PLMs" → "PLM".
  if (/^[A-Z][A-Za-z0-9-]*[A-Z]s$/.test(clean)) return slug(clean.slice(0, -1));
  const words = (clean === name && slugOfName !== undefined ? slugOfName : slug(clean)).split('-').filter(Boolean);
  if (words.length === 0) return '';
  if (type === 'task') while (words.length > 1 && TASK_TAILS.has(words[words.length - 1])) words.pop();
  // Phrases fold their last word to the singular ("maximum entropy models"), also where capitals
  // are only style (a sentence start, a title's case: "Statistical machine translation systems",
  // "Neural Machine Translation Systems"); a single capitalised word may be a name ("Atlas"), and a
  // word with inner capitals is one ("BiLSTMs" is folded above, "MoE layers" keeps its key).
  if ((type === 'method' || type === 'task' || type === 'metric') && capitalsAreStyle(clean, words.length)) words[words.length - 1] = singular(words[words.length - 1]);
  return words.join('-');
}

/** Whether a name's capitals say nothing of its identity: none, or only word-initial ones in a phrase of several words. */
function capitalsAreStyle(name: string, words: number): boolean {
  if (!/[A-Z]/.test(name)) return true;
  return words > 1 && !/[A-Z][A-Z]|[a-z0-9][A-Z]/.test(name);
}

/** Per entity type: name → key (one map per type, so the lookup hashes the name, not a concatenation). */
const keyCache = new Map<EntityType, Map<string, string>>();
let cachedKeys = 0;

/** The entity key of a found span. */
export function foundKey(f: Found, text: string): string {
  if (f.key) return f.key;
  const name = foundName(f, text);
  let keys = keyCache.get(f.type);
  if (keys === undefined) keyCache.set(f.type, (keys = new Map()));
  let key = keys.get(name);
  if (key === undefined) {
    key = computeKey(f.type, name);
    if (cachedKeys++ > 200_000) {
      for (const map of keyCache.values()) map.clear();
      cachedKeys = 0;
    }
    keys.set(name, key);
  }
  return key;
}

function computeKey(type: EntityType, name: string): string {
  const f = { type };
  // A pattern-found name that the gazetteer knows under another spelling.
  const slugged = slug(name);
  const known = gazetteer().get(`${f.type}:${slugged}`);
  if (known) return known.key;
  // The slug just made serves nameSlug too when the name needs no cleaning.
  return joined(f.type, ':', nameSlug(f.type, name, slugged));
}

/** What resolution learns besides the keys: labels, aliases and variants. */
export interface ResolutionNotes {
  /** Canonical labels (gazetteer names, variant labels). */
  labels: Map<string, string>;
  /** Extra aliases per key (long forms of acronyms). */
  aliases: Map<string, Set<string>>;
  variants: Map<string, string>;
  /** Long-form key → acronym key, from every definition seen. */
  longToShort: Map<string, string>;
  /** Acronym key → the long-form keys it is defined as, each with the number of definitions. */
  definitions: Map<string, Map<string, number>>;
  /** `definedInKey(paper, acronym key)` → the long-form key that paper defines the acronym as (its first definition). */
  definedIn: Map<string, string>;
}

export function emptyNotes(): ResolutionNotes {
  return { labels: new Map(), aliases: new Map(), variants: new Map(), longToShort: new Map(), definitions: new Map(), definedIn: new Map() };
}

/** The definedIn key of an acronym key in one paper. */
function definedInKey(paper: string, acronymKey: string): string {
  return `${paper}\n${acronymKey}`;
}

/**
 * Adds `later` (notes of the papers after those of `into`) to `into`, as if one pass had read
 * both runs of papers in order: keys keep their first-seen order, a key set in both takes the
 * later value, alias sets are joined in order. Split extraction (parallel.ts) relies on it.
 */
export function appendNotes(into: ResolutionNotes, later: ResolutionNotes): void {
  for (const [k, v] of later.labels) into.labels.set(k, v);
  for (const [k, v] of later.variants) into.variants.set(k, v);
  for (const [k, v] of later.longToShort) into.longToShort.set(k, v);
  for (const [acronym, longs] of later.definitions) {
    let counts = into.definitions.get(acronym);
    if (!counts) into.definitions.set(acronym, (counts = new Map()));
    for (const [long, n] of longs) counts.set(long, (counts.get(long) ?? 0) + n);
  }
  for (const [k, v] of later.definedIn) if (!into.definedIn.has(k)) into.definedIn.set(k, v);
  for (const [k, aliases] of later.aliases) {
    let set = into.aliases.get(k);
    if (!set) into.aliases.set(k, (set = new Set()));
    for (const a of aliases) set.add(a);
  }
}

/** Records what one found span of `paper` teaches about its entity. */
export function noteFound(notes: ResolutionNotes, f: Found, key: string, paper: string): void {
  if (f.key) {
    const entry = gazetteer().get(f.key);
    if (entry) notes.labels.set(key, entry.name);
    if (entry?.variantOf) notes.variants.set(key, entry.variantOf);
  }
  if (f.variantOf) {
    notes.variants.set(key, f.variantOf);
    if (f.name) notes.labels.set(key, f.name);
  }
  if (f.alias) {
    let set = notes.aliases.get(key);
    if (!set) notes.aliases.set(key, (set = new Set()));
    set.add(f.alias);
    if (f.name) set.add(f.name);
    const longKey = `${f.type}:${nameSlug(f.type, f.alias)}`;
    // A known long form keeps its gazetteer key and the acronym joins it.
    if (gazetteer().get(longKey)) notes.longToShort.set(key, longKey);
    else if (longKey !== key) {
      notes.longToShort.set(longKey, key);
      // "Word Embeddings (WE)" keys on its capitals (`method:word-embeddings`), another paper's
      // lower-case "word embeddings" on the singular (`method:word-embedding`): both go to WE.
      const lowerKey = `${f.type}:${nameSlug(f.type, f.alias.toLowerCase())}`;
      if (lowerKey !== longKey && lowerKey !== key && !gazetteer().get(lowerKey)) notes.longToShort.set(lowerKey, key);
    }
    if (longKey !== key) {
      let counts = notes.definitions.get(key);
      if (!counts) notes.definitions.set(key, (counts = new Map()));
      counts.set(longKey, (counts.get(longKey) ?? 0) + 1);
      const here = definedInKey(paper, key);
      if (!notes.definedIn.has(here)) notes.definedIn.set(here, longKey);
    }
  }
}

/**
 * A long-form key's words, stemmed: "Graph Neural Networks" and "graph neural network" agree, and
 * so do "recommender systems" and "recommendation system" (recommend, system).
 */
function longFormWords(key: string): string[] {
  return key
    .slice(key.indexOf(':') + 1)
    .split('-')
    .filter(Boolean)
    .map(stem);
}

/**
 * Whether two long forms of one acronym name one thing: one ends or starts with the other
 * ("uncertainty-based active learning" and "active learning", "out-of-vocabulary word" and
 * "out-of-vocabulary"), or they differ in a few characters only ("air travel information system"
 * and "airline travel …", "service-oriented" and "services-oriented"). "stochastic context-free
 * grammar" and "synchronous context-free grammar" differ in a word, a fifth of their characters.
 */
function sameLongForm(a: readonly string[], b: readonly string[]): boolean {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (short.length === 0) return false;
  let ends = true;
  let starts = true;
  for (let i = 0; i < short.length; i++) {
    if (long[long.length - 1 - i] !== short[short.length - 1 - i]) ends = false;
    if (long[i] !== short[i]) starts = false;
  }
  if (ends || starts) return true;
  const x = a.join(' ');
  const y = b.join(' ');
  return editDistance(x, y) <= 0.15 * Math.max(x.length, y.length);
}

/** Levenshtein distance (long forms are a few words: the quadratic table is small). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length];
}

/**
 * The acronym keys the corpus defines as different things: their long forms fall into more than
 * one group of forms that name one thing (sameLongForm: "continual learning" and "curriculum
 * learning" for CL are two groups; "active learning" and "uncertainty-based active learning" one).
 */
export function ambiguousAcronyms(notes: ResolutionNotes): Set<string> {
  const out = new Set<string>();
  for (const [acronym, longs] of notes.definitions) {
    if (longs.size < 2) continue;
    const forms = [...longs.keys()].map(longFormWords);
    // Groups by linking forms that end alike (a handful of forms per acronym).
    const group = forms.map((_, i) => i);
    const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i])));
    for (let i = 0; i < forms.length; i++) for (let j = i + 1; j < forms.length; j++) if (sameLongForm(forms[i], forms[j])) group[root(j)] = root(i);
    if (forms.some((_, i) => root(i) !== root(0))) out.add(acronym);
  }
  return out;
}

/**
 * The mentions' keys as numbers: each distinct key once, in the order first seen, and per mention
 * the number of its key. The corpus passes below count, redirect and group by these numbers in
 * typed arrays, where a Map (or a Map and a Set per entity) per pass cost about a microsecond a
 * mention (1.5 s of 429k mentions at 100k papers).
 */
export interface KeyNumbers {
  keys: string[];
  /** Per mention: its key's number. */
  of: Int32Array;
}

/** Numbers the mentions' keys, in the order first seen. */
export function numberKeys(mentions: readonly Mention[]): KeyNumbers {
  return numberStrings(mentions.length, (i) => mentions[i].entity);
}

/** The distinct strings of `at(0) … at(n − 1)` in the order first seen, and each one's number. */
function numberStrings(n: number, at: (i: number) => string): KeyNumbers {
  const numbers = new Map<string, number>();
  const keys: string[] = [];
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = at(i);
    let number = numbers.get(key);
    if (number === undefined) {
      number = keys.push(key) - 1;
      numbers.set(key, number);
    }
    of[i] = number;
  }
  return { keys, of };
}

/** Where a key ends up through the redirects (at most 8 steps: a cycle stops there). */
function followRedirects(redirect: ReadonlyMap<string, string>, key: string): string {
  let seen = 0;
  while (redirect.has(key) && seen++ < 8) key = redirect.get(key)!;
  return key;
}

const PHRASE_TYPES: readonly EntityType[] = ['method', 'task', 'dataset', 'metric'];

/** Whether slug words spell the acronym by their initials ("machine-translation" → "mt", "out-of-vocabulary" → "oov"). */
function spellsAcronym(longSlug: string, acronym: string): boolean {
  const words = longSlug.split('-').filter(Boolean);
  return words.length > 1 && words.length === acronym.length && words.every((w, i) => w[0] === acronym[i]);
}

/**
 * An ambiguous acronym still reads as its commonest long form inside a phrase when at least this
 * share of its definitions give that one: the ACL Anthology defines "QA" 18 times as question
 * answering and once as query answering, and its "QA systems" are question answering systems.
 */
const DOMINANT_DEFINITION_SHARE = 0.8;

/**
 * The long form an acronym (lower-case slug) stands for across the corpus, as slug words
 * ("machine-translation"), or null when its readings disagree: the corpus's definitions (the one
 * most often given; for an ambiguous acronym only a dominant one) and the gazetteer's acronyms
 * ("MT" of machine translation), of every entity type. Only a long form whose initials spell the
 * acronym counts: the gazetteer files "NMT" under machine translation too, and "NMT systems" are
 * not "machine translation systems".
 */
function acronymLongForms(notes: ResolutionNotes, ambiguous: ReadonlySet<string>): Map<string, string | null> {
  const longOf = new Map<string, string | null>();
  const learn = (acronym: string, long: string | null): void => {
    const known = longOf.get(acronym);
    if (known === undefined) longOf.set(acronym, long);
    else if (known !== long) longOf.set(acronym, null);
  };
  for (const [acronymKey, longs] of notes.definitions) {
    const acronym = acronymKey.slice(acronymKey.indexOf(':') + 1);
    let best = '';
    let most = 0;
    let total = 0;
    for (const [long, n] of longs) {
      total += n;
      if (n > most || (n === most && long < best)) [best, most] = [long, n];
    }
    if (ambiguous.has(acronymKey) && most < DOMINANT_DEFINITION_SHARE * total) {
      learn(acronym, null);
      continue;
    }
    const longSlug = best.slice(best.indexOf(':') + 1);
    if (spellsAcronym(longSlug, acronym)) learn(acronym, longSlug);
  }
  return longOf;
}

/** The long form of a gazetteer entry written as this acronym (its name or an alias in capitals), or undefined. */
function gazetteerLongForm(acronym: string): string | undefined {
  for (const type of PHRASE_TYPES) {
    const entry = gazetteer().byCompact(type, acronym);
    if (!entry) continue;
    const forms = [entry.name, ...entry.aliases];
    if (!forms.some((f) => /^[A-Z][A-Z0-9]*$/.test(f) && f.toLowerCase() === acronym)) continue;
    for (const f of forms) {
      const longSlug = slug(f);
      if (spellsAcronym(longSlug, acronym)) return longSlug;
    }
  }
  return undefined;
}

/**
 * A phrase that opens on an acronym ("MT systems", `method:mt-systems`) names what the phrase with
 * the long form names ("machine translation systems"): where the corpus has that one too, the
 * acronym's phrase goes to it. Nothing is merged into a phrase no paper wrote. When the acronym's
 * phrase goes elsewhere already (a paper defined "QA Systems (QAS)"), the long form's phrase
 * follows it there ("question answering systems" joins QAS).
 */
function redirectAcronymPhrases(keys: readonly string[], notes: ResolutionNotes, ambiguous: ReadonlySet<string>, redirect: Map<string, string>): void {
  const longOf = acronymLongForms(notes, ambiguous);
  const present = new Set(keys);
  for (const key of keys) {
    const colon = key.indexOf(':');
    const dash = key.indexOf('-', colon);
    if (dash < 0) continue;
    const type = key.slice(0, colon) as EntityType;
    if (!PHRASE_TYPES.includes(type)) continue;
    const acronym = key.slice(colon + 1, dash);
    if (acronym.length < 2) continue;
    if (!longOf.has(acronym)) longOf.set(acronym, gazetteerLongForm(acronym) ?? null);
    const long = longOf.get(acronym);
    if (!long) continue;
    const expanded = joined(type, ':', nameSlug(type, `${long} ${key.slice(dash + 1)}`.replace(/-/g, ' ')));
    if (expanded === key || !present.has(expanded)) continue;
    if (!redirect.has(key)) redirect.set(key, expanded);
    else {
      const target = followRedirects(redirect, key);
      if (!redirect.has(expanded) && target !== expanded) redirect.set(expanded, target);
    }
  }
}

/**
 * Corpus-level merging: long forms to acronyms, spelling variants to one key. Mutates mentions;
 * returns their keys numbered after the merge (`numbered`: before it, when the caller has them).
 */
export function resolveCorpus(mentions: Mention[], notes: ResolutionNotes, numbered: KeyNumbers = numberKeys(mentions)): KeyNumbers {
  const redirect = new Map<string, string>(notes.longToShort);
  const ambiguous = ambiguousAcronyms(notes);
  if (ambiguous.size > 0) numbered = splitAmbiguousAcronyms(mentions, notes, ambiguous, redirect, numbered);
  const { keys, of } = numbered;
  redirectAcronymPhrases(keys, notes, ambiguous, redirect);
  const counts = new Int32Array(keys.length);
  for (let i = 0; i < of.length; i++) counts[of[i]]++;
  // Group keys by type + compact form.
  const groups = new Map<string, number[]>();
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const colon = key.indexOf(':');
    const type = key.slice(0, colon);
    if (type === 'repo') continue;
    const c = `${type}:${key.slice(colon + 1).replace(/[^a-z0-9\u00C0-\uFFFF]/g, '')}`;
    const list = groups.get(c);
    if (list) list.push(k);
    else groups.set(c, [k]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const gazetteerKey = group.find((k) => gazetteer().get(keys[k]));
    const best = keys[gazetteerKey ?? [...group].sort((a, b) => counts[b] - counts[a] || (keys[a] < keys[b] ? -1 : 1))[0]];
    for (const k of group) if (keys[k] !== best && !redirect.has(keys[k])) redirect.set(keys[k], best);
  }
  const follow = (k: string): string => followRedirects(redirect, k);
  // Each distinct key followed once, and the keys it leaves numbered afresh.
  const targetKey = keys.map(follow);
  const { keys: mergedKeys, of: target } = numberStrings(keys.length, (k) => targetKey[k]);
  const mergedOf = new Int32Array(of.length);
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const to = targetKey[of[i]];
    if (to !== m.entity) m.entity = to;
    mergedOf[i] = target[of[i]];
    if (m.dataset && redirect.has(m.dataset)) m.dataset = follow(m.dataset);
  }
  for (const [from, to] of redirect) {
    const into = follow(to);
    const extra = notes.aliases.get(from);
    if (extra) {
      let set = notes.aliases.get(into);
      if (!set) notes.aliases.set(into, (set = new Set()));
      for (const a of extra) set.add(a);
    }
  }
  return { keys: mergedKeys, of: mergedOf };
}

/**
 * Undoes the corpus-wide merge of an ambiguous acronym (ambiguousAcronyms): no long form is sent
 * to the acronym, nor the acronym to a known long form; the acronym's mentions in a paper that
 * defines it take that definition's key; its aliases keep no long form. Mutates `mentions`,
 * `redirect` and the notes' aliases; returns the mentions' key numbers after the change.
 */
function splitAmbiguousAcronyms(mentions: Mention[], notes: ResolutionNotes, ambiguous: ReadonlySet<string>, redirect: Map<string, string>, numbered: KeyNumbers): KeyNumbers {
  // No long form (in any of its spellings) goes to an ambiguous acronym.
  for (const [from, to] of redirect) if (ambiguous.has(to)) redirect.delete(from);
  for (const acronym of ambiguous) {
    redirect.delete(acronym);
    const aliases = notes.aliases.get(acronym);
    if (aliases) for (const a of [...aliases]) if (/\s/.test(a)) aliases.delete(a);
  }
  // The mentions that change key get the number of their new one (a new number when no mention
  // had it yet); the rest keep theirs. The numbers then follow no first-seen order, which no
  // corpus pass needs (entities come out sorted by key).
  let keys = numbered.keys;
  let of = numbered.of;
  let numberOf: Map<string, number> | null = null;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (!ambiguous.has(m.entity)) continue;
    const long = notes.definedIn.get(definedInKey(m.paper, m.entity));
    if (long === undefined) continue;
    if (numberOf === null) {
      numberOf = new Map(keys.map((k, n) => [k, n]));
      keys = keys.slice();
      of = of.slice();
    }
    let n = numberOf.get(long);
    if (n === undefined) numberOf.set(long, (n = keys.push(long) - 1));
    m.entity = long;
    of[i] = n;
  }
  return { keys, of };
}

/**
 * The mentions whose key `keep` says yes to, with their key numbers (the numbers stay those of
 * `numbered`: keys no mention keeps any more keep their number and are skipped by the caller).
 */
export function keepMentions(mentions: readonly Mention[], numbered: KeyNumbers, keep: (m: Mention, key: number) => boolean): { mentions: Mention[]; numbered: KeyNumbers } {
  const kept: Mention[] = [];
  const of = new Int32Array(mentions.length);
  for (let i = 0; i < mentions.length; i++) {
    if (!keep(mentions[i], numbered.of[i])) continue;
    of[kept.length] = numbered.of[i];
    kept.push(mentions[i]);
  }
  return { mentions: kept, numbered: { keys: numbered.keys, of: of.subarray(0, kept.length) } };
}

/**
 * Groups mentions into entities: one per key, every surface form an alias, the canonical label
 * first. `numbered`: the mentions' keys as numbers, when the caller has them (keys no mention has
 * are skipped).
 */
export function entitiesFromMentions(mentions: readonly Mention[], notes: ResolutionNotes = emptyNotes(), numbered: KeyNumbers = numberKeys(mentions)): Entity[] {
  const { keys, of } = numbered;
  const counts = new Int32Array(keys.length);
  const types: EntityType[] = new Array<EntityType>(keys.length);
  // Per key, its mentions' surfaces (white space collapsed), to be counted by sorting.
  const surfacesOf: string[][] = new Array<string[]>(keys.length);
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const k = of[i];
    if (counts[k]++ === 0) {
      types[k] = m.type;
      surfacesOf[k] = [];
    }
    surfacesOf[k].push(collapseSpace(m.text));
  }
  const entities: Entity[] = [];
  for (let k = 0; k < keys.length; k++) {
    if (counts[k] === 0) continue;
    const id = keys[k];
    const type = types[k];
    const { aliases, commonest } = surfaceCounts(surfacesOf[k]);
    for (const a of notes.aliases.get(id) ?? []) aliases.add(a);
    let label = notes.labels.get(id) ?? commonest;
    if (type === 'repo') label = id.slice('repo:'.length);
    const entity: Entity = { id, type, label, aliases: [...aliases].sort(), mentions: counts[k] };
    const parent = notes.variants.get(id);
    if (parent) entity.variantOf = parent;
    entities.push(entity);
  }
  // A variant's parent is a node too, even when no text names it alone ("ImageNet 64×64" → ImageNet).
  const ids = new Set(entities.map((e) => e.id));
  for (const e of [...entities]) {
    if (!e.variantOf || ids.has(e.variantOf)) continue;
    const parent = gazetteer().get(e.variantOf);
    const label = parent?.name ?? e.variantOf.slice(e.variantOf.indexOf(':') + 1);
    entities.push({ id: e.variantOf, type: e.type, label, aliases: parent ? [parent.name, ...parent.aliases].sort() : [label], mentions: 0 });
    ids.add(e.variantOf);
  }
  return entities.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** `text` with every run of white space (the regex class \s) made one space; most mention texts have none to collapse. */
function collapseSpace(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 ? i + 1 < text.length && text.charCodeAt(i + 1) === 32 : c < 32 || (c >= 0x80 && isSpace(c))) return text.replace(/\s+/g, ' ');
  }
  return text;
}

/** The distinct surfaces of one entity, and the commonest (ties: the first in code-unit order). */
function surfaceCounts(surfaces: readonly string[]): { aliases: Set<string>; commonest: string } {
  // Most entities are named one way only.
  const first = surfaces[0];
  let same = 1;
  while (same < surfaces.length && surfaces[same] === first) same++;
  if (same === surfaces.length) return { aliases: new Set([first]), commonest: first };
  const counts = new Map<string, number>();
  for (const s of surfaces) counts.set(s, (counts.get(s) ?? 0) + 1);
  let commonest = surfaces[0];
  let most = 0;
  for (const [s, n] of counts) {
    if (n > most || (n === most && s < commonest)) {
      most = n;
      commonest = s;
    }
  }
  return { aliases: new Set(counts.keys()), commonest };
}
