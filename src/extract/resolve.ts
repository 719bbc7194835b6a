/**
 * Entity resolution: one key per real entity
 * ==========================================
 *
 * Keys are stable and depend only on the name (`dataset:cifar-10`, `method:seater`):
 *   - a gazetteer name keys on its canonical entry, so "CIFAR10", "CIFAR-10" and "cifar 10"
 *     are one dataset;
 *   - an acronym and its long form key on the acronym ("Collaborative Ensemble Training
 *     Network (CETNet)" → `method:cetnet`), and across the corpus a paper that writes only the
 *     long form links to the same node;
 *   - plural acronyms and phrases fold to the singular ("GNNs" → `method:gnn`), trailing
 *     "task"/"problem" words drop from task keys ("CTR prediction tasks" → `task:ctr-prediction`);
 *   - keys that differ only in spaces and hyphens ("U-Fold", "UFold") merge into the most
 *     frequent spelling; a variant ("ImageNet 64×64") keeps its own key with `variantOf`.
 */
import type { Entity, EntityType, Mention } from '../types.js';
import { slug } from '../graph/keys.js';
import type { Found } from './doc.js';
import { gazetteer } from './gazetteer.js';
import { singular } from './terms.js';

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
  // Lower-case phrases fold their last word to the singular ("maximum entropy models").
  if (!/[A-Z]/.test(clean) && (type === 'method' || type === 'task' || type === 'metric')) words[words.length - 1] = singular(words[words.length - 1]);
  return words.join('-');
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
  return `${f.type}:${nameSlug(f.type, name, slugged)}`;
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
}

export function emptyNotes(): ResolutionNotes {
  return { labels: new Map(), aliases: new Map(), variants: new Map(), longToShort: new Map() };
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
  for (const [k, aliases] of later.aliases) {
    let set = into.aliases.get(k);
    if (!set) into.aliases.set(k, (set = new Set()));
    for (const a of aliases) set.add(a);
  }
}

/** Records what one found span teaches about its entity. */
export function noteFound(notes: ResolutionNotes, f: Found, key: string, text: string): void {
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
    else if (longKey !== key) notes.longToShort.set(longKey, key);
  }
  void text;
}

/** Corpus-level merging: long forms to acronyms, spelling variants to one key. Mutates mentions. */
export function resolveCorpus(mentions: Mention[], notes: ResolutionNotes): void {
  const redirect = new Map<string, string>(notes.longToShort);
  // Group keys by type + compact form.
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  const groups = new Map<string, string[]>();
  for (const key of counts.keys()) {
    const colon = key.indexOf(':');
    const type = key.slice(0, colon);
    if (type === 'repo') continue;
    const c = `${type}:${key.slice(colon + 1).replace(/[^a-z0-9\u00C0-\uFFFF]/g, '')}`;
    const list = groups.get(c);
    if (list) list.push(key);
    else groups.set(c, [key]);
  }
  for (const keys of groups.values()) {
    if (keys.length < 2) continue;
    const gazetteerKey = keys.find((k) => gazetteer().get(k));
    const best = gazetteerKey ?? [...keys].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1))[0];
    for (const k of keys) if (k !== best && !redirect.has(k)) redirect.set(k, best);
  }
  const follow = (k: string): string => {
    let seen = 0;
    while (redirect.has(k) && seen++ < 8) k = redirect.get(k)!;
    return k;
  };
  for (const m of mentions) {
    const to = follow(m.entity);
    if (to !== m.entity) m.entity = to;
    if (m.dataset && redirect.has(m.dataset)) m.dataset = follow(m.dataset);
  }
  for (const [from, to] of redirect) {
    const target = follow(to);
    const extra = notes.aliases.get(from);
    if (extra) {
      let set = notes.aliases.get(target);
      if (!set) notes.aliases.set(target, (set = new Set()));
      for (const a of extra) set.add(a);
    }
  }
}

/** Groups mentions into entities: one per key, every surface form an alias, the canonical label first. */
export function entitiesFromMentions(mentions: readonly Mention[], notes: ResolutionNotes = emptyNotes()): Entity[] {
  const byKey = new Map<string, { type: EntityType; counts: Map<string, number>; mentions: number }>();
  for (const m of mentions) {
    let e = byKey.get(m.entity);
    if (!e) byKey.set(m.entity, (e = { type: m.type, counts: new Map(), mentions: 0 }));
    e.mentions++;
    const surface = m.text.replace(/\s+/g, ' ');
    e.counts.set(surface, (e.counts.get(surface) ?? 0) + 1);
  }
  const entities: Entity[] = [];
  for (const [id, e] of byKey) {
    const surfaces = [...e.counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const aliases = new Set(surfaces.map(([s]) => s));
    for (const a of notes.aliases.get(id) ?? []) aliases.add(a);
    let label = notes.labels.get(id) ?? surfaces[0][0];
    if (e.type === 'repo') label = id.slice('repo:'.length);
    const entity: Entity = { id, type: e.type, label, aliases: [...aliases].sort(), mentions: e.mentions };
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
