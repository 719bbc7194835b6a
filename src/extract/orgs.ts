/**
 * Organisations named as deployers or data owners (`affiliated`)
 * ==============================================================
 *
 * An organisation from gazetteers/orgs.json becomes a mention only when its sentence says it
 * deploys the work or owns its data: "deployed at Kuaishou", "A/B tests … on Kuaishou",
 * "a large-scale industrial dataset from Meta", "LinkedIn's feed". A company merely cited
 * ("unlike Google's model") is not an affiliation.
 */
import type { Doc, Found } from './doc.js';
import { found } from './doc.js';

const CUES = new Set(['deployed', 'deploy', 'deploying', 'deployment', 'production', 'online', 'a/b', 'industrial', 'serving', 'serves', 'traffic', 'platform', 'platforms', 'launched', 'collected', 'provided', 'users', 'logs', 'live']);

export function orgMentions(doc: Doc): Found[] {
  const out: Found[] = [];
  const { tokens } = doc;
  for (const m of doc.names) {
    if (m.entry.type !== 'org') continue;
    const sentence = tokens[m.from].sentence;
    let cue = false;
    for (let k = m.from - 1; k >= 0 && tokens[k].sentence === sentence && !cue; k--) if (CUES.has(tokens[k].lower) || (tokens[k].lower === 'a' && tokens[k + 1]?.text === '/')) cue = true;
    for (let k = m.to; k < tokens.length && tokens[k].sentence === sentence && !cue && k - m.to < 8; k++) if (CUES.has(tokens[k].lower)) cue = true;
    if (!cue) continue;
    out.push(found('org', 'affiliated', m.start, m.end, 'org-deployer-context', 0.8, { key: m.entry.key }));
  }
  return out;
}
