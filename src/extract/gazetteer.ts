/**
 * Gazetteer lookup over tokens
 * ============================
 *
 * The name lists in gazetteers/*.json (datasets, methods, tasks, metrics, organisations) are
 * compiled once into one table keyed by the *compact* form of a name — lower-cased letters and
 * digits only — so "CIFAR-10", "CIFAR10" and "cifar 10" are one key. A set of every compact
 * prefix that ends on a token boundary lets the scan stop after one lookup at most positions
 * (a token trie in effect): matching is linear in the number of tokens times the longest name.
 * Each registered prefix has a number, and the steps "prefix + a piece = a longer registered
 * prefix" are listed per prefix once (a few thousand in all), so a step is one lookup of the next
 * token's compact form in a small map: no string is concatenated, and nothing grows with the text
 * read (a memo of every step seen held a million entries and cost more than the scan it saved).
 *
 * Case: names that are also English words or other acronyms are marked `exact` and match only
 * as written; short all-capital aliases ("NER", "IE") always match only in capitals; dataset
 * and organisation names need a capital or a digit unless marked `anyCase`.
 */
import type { EntityType } from '../types.js';
import { joined, slug } from '../graph/keys.js';
import { WordMemo, type Token } from './text.js';
import datasetsData from './gazetteers/datasets.json' with { type: 'json' };
import methodsData from './gazetteers/methods.json' with { type: 'json' };
import tasksData from './gazetteers/tasks.json' with { type: 'json' };
import metricsData from './gazetteers/metrics.json' with { type: 'json' };
import orgsData from './gazetteers/orgs.json' with { type: 'json' };

interface RawEntry {
  name: string;
  aliases: string[];
  variantOf?: string;
  exact?: boolean;
  anyCase?: boolean;
  series?: boolean;
  linkBare?: boolean;
}

export interface GazetteerEntry {
  type: EntityType;
  /** Canonical label. */
  name: string;
  /** Stable key: `<type>:<slug(name)>`. */
  key: string;
  variantOf?: string;
  aliases: string[];
  /** A recurring evaluation whose editions are variants ("SemEval-2017 Task 10"). */
  series?: boolean;
  /** A series whose bare name is linked too ("results on CoNLL"). */
  linkBare?: boolean;
}

interface Candidate {
  entry: GazetteerEntry;
  /** When set, the surface must equal this form (whitespace collapsed). */
  exactForms: Set<string> | null;
  needsCapital: boolean;
}

export interface GazetteerMatch {
  entry: GazetteerEntry;
  /** Token index range [from, to). */
  from: number;
  to: number;
  start: number;
  end: number;
}

/** Compact form: lower-case letters and digits only. */
export function compact(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const JOINERS = new Set(['-', '/', '&', '.', '+', '@', '’', "'", '–']);
const MAX_TOKENS = 8;

const NO_PREFIX = -1;

export class Gazetteer {
  private readonly table = new Map<string, Candidate[]>();
  /** Every registered prefix (a compact form or a compact run of a form's leading words) → its number. */
  private readonly prefixes = new Map<string, number>();
  private readonly prefixText: string[] = [];
  /** The names whose compact form is the prefix of that number, if any. */
  private readonly candidatesOf: Array<Candidate[] | undefined> = [];
  /** Per prefix number: piece → the number of the registered prefix it extends it to; built on first use. */
  private steps: Array<Map<string, number> | undefined> | null = null;
  /** Per word: the number of the prefix its compact form is, + 1 (0: none). */
  private readonly firstPrefix = new WordMemo((t) => (this.prefixes.get(t.compact) ?? NO_PREFIX) + 1);
  readonly entries: GazetteerEntry[] = [];
  private readonly byKey = new Map<string, GazetteerEntry>();

  add(type: EntityType, raw: RawEntry, defaultNeedsCapital: boolean): void {
    // Every field present (undefined when unset): the extractors read `entry.type` and `entry.key`
    // of every match, and entries of one shape keep those reads monomorphic.
    const entry: GazetteerEntry = {
      type,
      name: raw.name,
      key: joined(type, ':', slug(raw.name)),
      variantOf: raw.variantOf ? joined(type, ':', slug(raw.variantOf)) : undefined,
      aliases: raw.aliases,
      series: raw.series ? true : undefined,
      linkBare: raw.linkBare ? true : undefined,
    };
    this.entries.push(entry);
    this.byKey.set(entry.key, entry);
    for (const form of [raw.name, ...raw.aliases]) {
      const c = compact(form);
      if (!c) continue;
      const shortCaps = form.length <= 4 && /^[A-Z0-9]+$/.test(form) && /[A-Z]/.test(form);
      const candidate: Candidate = {
        entry,
        exactForms: raw.exact || shortCaps ? new Set([form.replace(/\s+/g, ' ')]) : null,
        needsCapital: defaultNeedsCapital && !raw.anyCase,
      };
      const list = this.table.get(c);
      if (list) {
        const same = list.find((x) => x.entry === entry && x.exactForms && candidate.exactForms);
        if (same) for (const f of candidate.exactForms!) same.exactForms!.add(f);
        else list.push(candidate);
      } else {
        const created = [candidate];
        this.table.set(c, created);
        this.candidatesOf[this.registerPrefix(c)] = created;
      }
      // Register every compact prefix that ends where a token of the form ends.
      const parts = form.split(/[\s\-/&.+@'’–]+/).filter(Boolean);
      let acc = '';
      for (const p of parts) {
        acc += compact(p);
        this.registerPrefix(acc);
      }
    }
    // A new prefix adds steps, and can be a word's first.
    this.steps = null;
    this.firstPrefix.clear();
  }

  private registerPrefix(prefix: string): number {
    let id = this.prefixes.get(prefix);
    if (id === undefined) {
      id = this.prefixText.length;
      this.prefixes.set(prefix, id);
      this.prefixText.push(prefix);
    }
    return id;
  }

  /** The prefix `prefixText[id] + piece`, as a number, or NO_PREFIX. */
  private step(id: number, piece: string): number {
    // An empty piece (a word with no letter or digit) leaves the prefix as it is.
    if (piece === '') return id;
    const steps = this.steps ?? this.listSteps();
    return steps[id]?.get(piece) ?? NO_PREFIX;
  }

  /** Every step between registered prefixes: each prefix split after each shorter registered prefix (the empty one too). */
  private listSteps(): Array<Map<string, number> | undefined> {
    const steps: Array<Map<string, number> | undefined> = [];
    for (let longer = 0; longer < this.prefixText.length; longer++) {
      const text = this.prefixText[longer];
      for (let k = 0; k < text.length; k++) {
        const shorter = this.prefixes.get(text.slice(0, k));
        if (shorter === undefined) continue;
        (steps[shorter] ??= new Map()).set(text.slice(k), longer);
      }
    }
    this.steps = steps;
    return steps;
  }

  get(key: string): GazetteerEntry | undefined {
    return this.byKey.get(key);
  }

  /** The entry of a type that has this compact spelling, if any. */
  byCompact(type: EntityType, compactForm: string): GazetteerEntry | undefined {
    return this.table.get(compactForm)?.find((c) => c.entry.type === type)?.entry;
  }

  /** Whether a name can start with this word (its compact form is a registered prefix); matchAt finds none otherwise. */
  startsName(t: Token): boolean {
    return this.firstPrefix.of(t) !== 0;
  }

  /** The longest name starting at token `i`, or null. `types` limits the entity types. */
  matchAt(text: string, tokens: readonly Token[], i: number, types?: ReadonlySet<EntityType>): GazetteerMatch | null {
    const first = tokens[i];
    if (!isWordToken(first)) return null;
    // The number of the prefix read so far (the compact forms of the tokens joined).
    let acc = NO_PREFIX;
    let best: GazetteerMatch | null = null;
    let j = i;
    for (let n = 0; j < tokens.length && n < MAX_TOKENS; n++) {
      const t = tokens[j];
      if (isWordToken(t)) {
        acc = n === 0 ? this.firstPrefix.of(t) - 1 : this.step(acc, t.compact);
        if (acc === NO_PREFIX) break;
        const candidates = this.candidatesOf[acc];
        if (candidates) {
          const start = first.start;
          const end = t.end;
          const surface = text.slice(start, end).replace(/\s+/g, ' ');
          for (const c of candidates) {
            if (types && !types.has(c.entry.type)) continue;
            if (c.exactForms && !c.exactForms.has(surface)) continue;
            if (c.needsCapital && !/[A-Z0-9]/.test(surface)) continue;
            best = { entry: c.entry, from: i, to: j + 1, start, end };
            break;
          }
        }
        j++;
        // The next token must be a joiner or a word in the same sentence.
        const next = tokens[j];
        if (!next || next.sentence !== t.sentence) break;
        if (!isWordToken(next)) {
          if (!JOINERS.has(next.text)) break;
          // "." joins only inside a name ("Last.fm"), never across a space.
          if (next.text === '.' && (next.start !== t.end || !tokens[j + 1] || tokens[j + 1].start !== next.end)) break;
          j++;
        }
      } else break;
    }
    // A name must not be cut out of a longer hyphenated word ("BERT" in "BERT-style" is fine, "MT" in "MT-bench" is not).
    return best;
  }
}

export function isWordToken(t: Token): boolean {
  return t.isWord;
}

let compiled: Gazetteer | null = null;

/** The compiled gazetteer of every entity type (built once). */
export function gazetteer(): Gazetteer {
  if (compiled) return compiled;
  const g = new Gazetteer();
  // Insertion order is the priority when one spelling names entities of several types.
  for (const e of (datasetsData as { entries: RawEntry[] }).entries) g.add('dataset', e, true);
  for (const e of (tasksData as { entries: RawEntry[] }).entries) g.add('task', e, false);
  for (const e of (methodsData as { entries: RawEntry[] }).entries) g.add('method', e, false);
  for (const e of (metricsData as { entries: RawEntry[] }).entries) g.add('metric', e, false);
  for (const e of (orgsData as { entries: RawEntry[] }).entries) g.add('org', e, true);
  compiled = g;
  return g;
}
