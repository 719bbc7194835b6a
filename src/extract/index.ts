/**
 * extract — entities named in each paper's text
 * =============================================
 *
 * Runs every extractor over each paper's abstract (and title) and resolves the mentions into
 * entities with stable keys, aliases and mention counts. Metadata links (authors, venue,
 * categories, organisations, code URLs a source states) are not text mentions: graph/build.ts
 * adds those straight from the Paper.
 */
import type { Entity, EntityType, Extraction, Mention, Paper } from '../types.js';
import { repoMentions } from './repos.js';

export interface ExtractOptions {
  /** Entity types to extract; all by default. */
  types: readonly EntityType[];
}

export const DEFAULT_EXTRACT_OPTIONS: ExtractOptions = {
  types: ['method', 'dataset', 'task', 'metric', 'repo', 'org'],
};

/** The mentions of one paper, in text order. */
export function extractPaperMentions(paper: Paper, options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS): Mention[] {
  const mentions: Mention[] = [];
  if (paper.abstract && options.types.includes('repo')) mentions.push(...repoMentions(paper.id, paper.abstract));
  return mentions.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
}

/** Groups mentions into entities: one per key, with every surface form as an alias. */
export function entitiesFromMentions(mentions: readonly Mention[]): Entity[] {
  const byKey = new Map<string, Entity & { aliasCounts: Map<string, number> }>();
  for (const m of mentions) {
    let e = byKey.get(m.entity);
    if (!e) {
      e = { id: m.entity, type: m.type, label: m.text, aliases: [], mentions: 0, aliasCounts: new Map() };
      byKey.set(m.entity, e);
    }
    e.mentions++;
    e.aliasCounts.set(m.text, (e.aliasCounts.get(m.text) ?? 0) + 1);
  }
  const entities: Entity[] = [];
  for (const e of byKey.values()) {
    // The most frequent surface form labels the entity; ties go to the alphabetically first.
    const aliases = [...e.aliasCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const { aliasCounts: _, ...entity } = e;
    entities.push({ ...entity, label: e.type === 'repo' ? e.id.slice('repo:'.length) : aliases[0][0], aliases: aliases.map(([a]) => a).sort() });
  }
  return entities.sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function extractEntities(papers: readonly Paper[], options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS): Extraction {
  const mentions: Mention[] = [];
  for (const paper of papers) if (!paper.external) mentions.push(...extractPaperMentions(paper, options));
  return { entities: entitiesFromMentions(mentions), mentions };
}
