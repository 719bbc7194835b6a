/**
 * Metrics and the results reported with them (`reports`)
 * =======================================================
 *
 * Known metrics from gazetteers/metrics.json ("FID", "BLEU", "NDCG@10", "word error rate"), and
 * the values stated for them:
 *   "FID scores of 2.51 and 3.25 on CIFAR-10 and ImageNet 64×64 respectively in a single
 *    sampling step" → FID 2.51 @ CIFAR-10 and FID 3.25 @ ImageNet 64×64, setting "single sampling step";
 *   "a mean average error (MAE) of 0.09" → MAE 0.09;  "71.4% win rate" → win rate 71.4%.
 * Values pair with datasets in order when the counts agree, else every value takes the single
 * dataset named. A metric named without a value is still a `reports` mention (no value).
 */
import type { Doc, Found } from './doc.js';
import { found } from './doc.js';
import type { Token } from './text.js';
import { isWordToken } from './gazetteer.js';
import { foundKey } from './resolve.js';

const NUMBER = /^\d+(?:\.\d+)?$/;
// Words allowed between a metric and its values.
const BRIDGE = new Set(['score', 'scores', 'of', 'is', 'are', 'was', 'were', 'at', 'to', 'reaches', 'reaching', 'achieves', 'achieving', 'achieved', 'obtains', 'obtaining', 'with', 'by', 'up', '=', ':', 'about', 'around', 'approximately', 'only', 'just', 'a', 'an', 'the', 'new', 'best', 'value', 'values', 'rate', 'improvement', 'improvements', 'gain', 'gains', 'reduction', 'from', 'as', 'low', 'high', 'than']);

interface Value {
  text: string;
  from: number;
  to: number;
}

/** Numbers (with an optional "%") starting at token k, joined by "," / "and"; [values, next index]. */
function readValues(tokens: readonly Token[], k: number, sentence: number): [Value[], number] {
  const values: Value[] = [];
  while (k < tokens.length && tokens[k].sentence === sentence && values.length < 8) {
    if (!NUMBER.test(tokens[k].text)) break;
    let to = k + 1;
    let textValue = tokens[k].text;
    if (tokens[to]?.text === '%') {
      textValue += '%';
      to++;
    }
    values.push({ text: textValue, from: k, to });
    k = to;
    if (tokens[k]?.text === ',') k++;
    if (tokens[k]?.lower === 'and') k++;
    if (!tokens[k] || !NUMBER.test(tokens[k].text)) break;
  }
  return [values, k];
}

export function metricMentions(doc: Doc, datasets: readonly Found[]): Found[] {
  const out: Found[] = [];
  const { tokens, text } = doc;
  const datasetAt = new Map<number, Found>();
  if (datasets.length > 0) {
    const tokenAtChar = new Map<number, number>();
    tokens.forEach((t, i) => tokenAtChar.set(t.start, i));
    for (const d of datasets) {
      const i = tokenAtChar.get(d.start);
      if (i !== undefined) datasetAt.set(i, d);
    }
  }
  const tokenAfter = (end: number, from: number): number => {
    let i = from;
    while (i < tokens.length && tokens[i].start < end) i++;
    return i;
  };

  for (const m of doc.names) {
    if (m.entry.type !== 'metric') continue;
    const sentence = tokens[m.from].sentence;
    let k = m.to;
    // "mean average error (MAE) of 0.09": skip a parenthesised short form.
    if (tokens[k]?.text === '(' && tokens[k + 2]?.text === ')') k += 3;
    let bridged = 0;
    while (k < tokens.length && tokens[k].sentence === sentence && BRIDGE.has(tokens[k].lower) && bridged < 4) {
      k++;
      bridged++;
    }
    let [values, next] = readValues(tokens, k, sentence);
    let rule = 'metric-value';
    // "71.4% win rate", "23.14 perplexity": a value right before the metric.
    if (values.length === 0 && m.from >= 1) {
      let v = m.from - 1;
      if (tokens[v].text === '%') v--;
      if (v >= 0 && NUMBER.test(tokens[v].text) && tokens[v].sentence === sentence) {
        values = [{ text: tokens[m.from - 1].text === '%' ? `${tokens[v].text}%` : tokens[v].text, from: v, to: m.from }];
        next = m.to;
        rule = 'value-metric';
      }
    }
    const base = found('metric', 'reports', m.start, m.end, 'gazetteer', 0.9, { key: m.entry.key });
    if (values.length === 0) {
      out.push(base);
      continue;
    }
    // Datasets: "on A and B", up to the end of the clause.
    const named: Found[] = [];
    let j = next;
    if ((tokens[j]?.lower === 'on' || tokens[j]?.lower === 'for' || tokens[j]?.lower === 'in') && datasetAt.has(tokens[j + 1]?.lower === 'the' ? j + 2 : j + 1)) {
      j++;
      if (tokens[j]?.lower === 'the') j++;
      while (j < tokens.length && tokens[j].sentence === sentence && named.length < values.length + 2) {
        const d = datasetAt.get(j);
        if (!d) break;
        named.push(d);
        j = tokenAfter(d.end, j);
        if (tokens[j]?.text === ',') j++;
        if (tokens[j]?.lower === 'and') j++;
      }
    }
    if (named.length === 0) {
      // The dataset may precede: "On CIFAR-10, our model reaches an FID of 2.1".
      for (let b = m.from - 1; b >= 0 && tokens[b].sentence === sentence && m.from - b < 12; b--) {
        const d = datasetAt.get(b);
        if (d) {
          named.push(d);
          break;
        }
      }
    }
    // Setting: "in a single sampling step", "in the zero-shot setting", "under the 5-shot setting".
    let setting: string | undefined;
    let s = j;
    if (tokens[s]?.lower === 'respectively') s++;
    if (tokens[s]?.text === ',' && tokens[s + 1]?.lower === 'respectively') s += 2;
    if (tokens[s] && (tokens[s].lower === 'in' || tokens[s].lower === 'under' || tokens[s].lower === 'with') && tokens[s].sentence === sentence) {
      for (let e = s + 1; e < tokens.length && e - s <= 6 && tokens[e].sentence === sentence && isWordToken(tokens[e]); e++) {
        if (/^(?:step|steps|setting|settings|shot|shots|regime|scenario|scenarios|mode)$/.test(tokens[e].lower)) {
          let a = s + 1;
          if (tokens[a].tag === 'DT') a++;
          setting = text.slice(tokens[a].start, tokens[e].end);
          break;
        }
      }
    }
    values.forEach((v, n) => {
      const d = named.length === values.length ? named[n] : named.length === 1 ? named[0] : undefined;
      const f = found('metric', 'reports', m.start, m.end, rule, 0.85, { key: m.entry.key, value: v.text });
      if (d) f.dataset = datasetLabel(d, text);
      if (setting) f.setting = setting;
      out.push(f);
    });
  }
  return out;
}

/** A dataset as named in a result: its entity key. */
function datasetLabel(d: Found, text: string): string {
  return foundKey(d, text);
}
