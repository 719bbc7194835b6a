/**
 * The gazetteer's prefix steps (gazetteer.ts): matches across token splits stay the same on
 * repeated scans, a name added later is found where an earlier scan had stopped, and a symbol
 * with no letter or digit inside a name is stepped over.
 */
import { describe, expect, it } from 'vitest';
import { compact, Gazetteer, gazetteer } from '../../src/extract/gazetteer.js';
import { tokenize } from '../../src/extract/text.js';

const namesIn = (g: Gazetteer, text: string): string[] => {
  const tokens = tokenize(text);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const m = g.matchAt(text, tokens, i);
    if (m) {
      out.push(`${m.entry.key}@${text.slice(m.start, m.end)}`);
      i = m.to - 1;
    }
  }
  return out;
};

describe('gazetteer prefix steps', () => {
  it('matches a name written in one, two or hyphenated tokens, again and again', () => {
    const g = new Gazetteer();
    g.add('dataset', { name: 'CIFAR-10', aliases: ['CIFAR10'] }, true);
    const text = 'We use CIFAR10, CIFAR-10 and CIFAR 10 but not CIFAR 100.';
    const expected = ['dataset:cifar-10@CIFAR10', 'dataset:cifar-10@CIFAR-10', 'dataset:cifar-10@CIFAR 10'];
    expect(namesIn(g, text)).toEqual(expected);
    expect(namesIn(g, text)).toEqual(expected);
  });

  it('finds a name added after a scan that stopped at its prefix', () => {
    const g = new Gazetteer();
    g.add('method', { name: 'Alpha Beta', aliases: [] }, false);
    expect(namesIn(g, 'Alpha Gamma and Alpha Beta')).toEqual(['method:alpha-beta@Alpha Beta']);
    g.add('method', { name: 'Alpha Gamma', aliases: [] }, false);
    expect(namesIn(g, 'Alpha Gamma and Alpha Beta')).toEqual(['method:alpha-gamma@Alpha Gamma', 'method:alpha-beta@Alpha Beta']);
  });

  it('steps over a symbol with no letter or digit inside a name, and over none elsewhere', () => {
    const g = new Gazetteer();
    g.add('method', { name: 'α × β', aliases: [] }, false);
    g.add('dataset', { name: 'ImageNet-Large', aliases: [] }, false);
    expect(namesIn(g, 'We compare α × β with α β and α, β.')).toEqual(['method:α-β@α × β', 'method:α-β@α β']);
    expect(namesIn(g, 'ImageNet Large, ImageNet-Large, not Image Net Large.')).toEqual(['dataset:imagenet-large@ImageNet Large', 'dataset:imagenet-large@ImageNet-Large']);
  });

  it('gives each name of the shipped lists one entity type', () => {
    // A name filed as two types would be typed by the order the lists load in ("knowledge
    // distillation" was a task as well as a method).
    const typesOf = new Map<string, Set<string>>();
    for (const e of gazetteer().entries) {
      const key = compact(e.name);
      let set = typesOf.get(key);
      if (!set) typesOf.set(key, (set = new Set()));
      set.add(e.type);
    }
    expect([...typesOf].filter(([, types]) => types.size > 1).map(([name]) => name)).toEqual([]);
  });
});
