/**
 * Mention objects of one shape
 * ============================
 *
 * Every mention is made here, with its optional fields present (undefined when the mention has
 * none): all 400k mentions of a 100k-paper corpus then share one hidden class, and the corpus
 * passes (resolve.ts) and the graph read their fields with monomorphic loads. Mentions with
 * `value` and `dataset` added only when set had up to eight shapes, and every read of `m.text` or
 * `m.entity` over the corpus went through a megamorphic lookup. JSON output is unchanged: an
 * undefined field is not written.
 */
import type { Mention } from '../types.js';

export function makeMention(
  paper: string,
  entity: string,
  type: Mention['type'],
  role: Mention['role'],
  start: number,
  end: number,
  text: string,
  field: Mention['field'],
  rule: string,
  confidence: number,
  extra?: { value?: string; dataset?: string; setting?: string },
): Mention {
  return { paper, entity, type, role, start, end, text, field, rule, confidence, value: extra?.value, dataset: extra?.dataset, setting: extra?.setting };
}
