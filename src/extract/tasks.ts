/**
 * Tasks a paper addresses (`addresses`)
 * =====================================
 *
 * Known tasks from gazetteers/tasks.json ("CTR prediction", "sequential recommendation",
 * "text-to-video generation", "named entity recognition"), a long form with its acronym before
 * a task noun ("Click-through rate (CTR) prediction"), and noun phrases headed by a task noun
 * ("speaker adaptive speech synthesis", "protein function prediction") from terms.ts.
 */
import type { Doc, Found } from './doc.js';
import { found, SpanMask } from './doc.js';
import { compact, gazetteer } from './gazetteer.js';
import { headType } from './terms.js';

// Reused text after text (SpanMask.reset): extraction is synchronous and never re-enters here.
const TASK_MASK = new SpanMask();

export function taskMentions(doc: Doc): Found[] {
  const out: Found[] = [];
  const { tokens, text } = doc;
  const mask = TASK_MASK.reset(text.length);
  const add = (f: Found): void => {
    if (!mask.free(f.start, f.end)) return;
    mask.mark(f.start, f.end);
    out.push(f);
  };
  // "Click-through rate (CTR) prediction": long form (ACR) + task head.
  for (const a of doc.abbreviations) {
    const head = tokens[a.short + 2];
    if (!head || headType(head.lower) !== 'task' || head.sentence !== tokens[a.short].sentence) continue;
    const longName = `${a.longText} ${head.text}`;
    const shortName = `${tokens[a.short].text} ${head.text}`;
    const g = gazetteer();
    const known = g.byCompact('task', compact(longName)) ?? g.byCompact('task', compact(shortName));
    add(found('task', 'addresses', a.start, head.end, 'abbrev-task', 0.85, known ? { key: known.key } : { name: shortName, alias: longName }));
  }
  for (const m of doc.names) {
    if (m.entry.type !== 'task') continue;
    add(found('task', 'addresses', m.start, m.end, 'gazetteer', 0.9, { key: m.entry.key }));
  }
  void text;
  return out;
}
