/**
 * Display labels for papers. A titled paper is labelled by its title. An untitled one (arXiv
 * listing text, `Abstract:` lines) by the name its abstract introduces ("we propose SEATER",
 * "a novel framework, Collaborative Ensemble Training Network (CETNet)"), else its arXiv id,
 * else the opening words of its abstract — never an invented title.
 */
import type { Mention, Paper } from '../types.js';

/** Acronyms that name a family of methods, not a paper's own contribution. */
const GENERIC_ACRONYMS = new Set([
  'AI', 'ML', 'DL', 'RL', 'NLP', 'CV', 'LLM', 'LLMs', 'GAN', 'GANs', 'GNN', 'GNNs', 'CNN', 'CNNs', 'RNN', 'RNNs',
  'MLP', 'MLPs', 'VAE', 'VAEs', 'CTR', 'API', 'GPU', 'GPUs', 'SOTA', 'LSTM', 'LSTMs', 'BERT', 'GPT', 'KG', 'KGs',
]);

/** "LLM-based", "GNN-driven": compounds that describe a method rather than name it. */
const ADJECTIVAL = /-(?:based|driven|aware|free|guided|like|level|specific|wise|oriented|agnostic|enhanced|powered|style|scale)$/i;

const TRIGGER = /\b(?:propose[sd]?|present(?:s|ed)?|introduce[sd]?|develop(?:s|ed)?|called|named|dubbed|namely|termed)\b/g;
const NAME_TOKEN = /[A-Za-z][A-Za-z0-9]*(?:[-–][A-Za-z0-9]+)*/g;
const WINDOW = 160;

function isNameLike(token: string): boolean {
  let capitals = 0;
  for (const ch of token) if (ch >= 'A' && ch <= 'Z') capitals++;
  return capitals >= 2 && /^[A-Z]|^[a-z]+[A-Z]/.test(token) && !GENERIC_ACRONYMS.has(token) && !ADJECTIVAL.test(token);
}

/** Words allowed between a trigger and the name it introduces ("we propose a novel framework, X"). */
const FILLER = /^(?:\s*(?:a|an|the|novel|new|simple|general|unified|framework|model|method|approach|module|network|architecture|algorithm|system|technique|named|called|dubbed|termed)\b,?)*\s*/i;

function firstNameToken(window: string): string | null {
  for (const token of window.matchAll(NAME_TOKEN)) if (isNameLike(token[0])) return token[0];
  return null;
}

/**
 * The name an introducing phrase names, or null. In order of trust: a name right after the
 * trigger ("we present GACN", "a novel module named InterFormer"), then an acronym in brackets
 * ("… Training Network (CETNet)"), then any name-like token in the trigger's clause.
 */
export function introducedName(abstract: string): string | null {
  const windows: string[] = [];
  for (const trigger of abstract.matchAll(TRIGGER)) {
    const from = trigger.index + trigger[0].length;
    let window = abstract.slice(from, from + WINDOW);
    const stop = window.search(/[.;:](?:\s|$)/);
    if (stop >= 0) window = window.slice(0, stop);
    windows.push(window);
  }
  for (const window of windows) {
    const rest = window.slice(FILLER.exec(window)![0].length);
    const direct = /^[A-Za-z][A-Za-z0-9]*(?:[-–][A-Za-z0-9]+)*/.exec(rest);
    if (direct && isNameLike(direct[0])) return direct[0];
  }
  for (const window of windows) {
    for (const m of window.matchAll(/\(([A-Za-z][A-Za-z0-9-]{1,20})\)/g)) if (isNameLike(m[1])) return m[1];
  }
  for (const window of windows) {
    const token = firstNameToken(window);
    if (token) return token;
  }
  return null;
}

/** The label for a paper, preferring the shortest name it is extracted to propose. */
export function paperLabel(paper: Paper, mentions: readonly Mention[] = []): string {
  if (paper.title) return paper.title;
  const proposed = mentions
    .filter((m) => m.paper === paper.id && m.role === 'proposes' && isNameLike(m.text))
    .sort((a, b) => a.text.length - b.text.length || a.start - b.start);
  if (proposed.length > 0) return proposed[0].text;
  const introduced = paper.abstract ? introducedName(paper.abstract) : null;
  if (introduced) return introduced;
  if (paper.arxivId) return `arXiv:${paper.arxivId}`;
  if (paper.doi) return `doi:${paper.doi}`;
  if (paper.abstract) {
    const words = paper.abstract.split(/\s+/).slice(0, 8).join(' ');
    return `${words}…`;
  }
  return paper.id;
}
