/**
 * Search with autocomplete over labels, titles, arXiv/DOI/ACL ids, author and entity names.
 * Ranking: exact label, label prefix, word prefix, substring; ties broken by degree.
 */
import type { Model } from './data.js';
import { byId, clear, el, truncate } from './dom.js';
import { nodeColor } from './colors.js';

export interface SearchHit {
  node: number;
  score: number;
}

export class SearchIndex {
  private readonly labels: string[];
  private readonly extra: string[];

  constructor(private readonly model: Model) {
    this.labels = model.data.nodes.label.map((s) => s.toLowerCase());
    this.extra = model.data.nodes.search.map((s) => s.toLowerCase());
  }

  query(text: string, limit = 12): SearchHit[] {
    const q = text.trim().toLowerCase();
    if (q.length < 1) return [];
    const hits: SearchHit[] = [];
    const wordPrefix = (s: string) => {
      const at = s.indexOf(q);
      if (at < 0) return -1;
      if (at === 0) return 0;
      // a later occurrence may start a word
      for (let k = at; k >= 0; k = s.indexOf(q, k + 1)) if (k === 0 || /[\s\-_:/(|,.]/.test(s[k - 1])) return 1;
      return 2;
    };
    for (let i = 0; i < this.labels.length; i++) {
      const label = this.labels[i];
      let score = -1;
      if (label === q) score = 100;
      else {
        const w = wordPrefix(label);
        if (w === 0) score = 80;
        else if (w === 1) score = 60;
        else if (w === 2) score = 40;
        else if (this.extra[i]) {
          const x = wordPrefix(this.extra[i]);
          if (x >= 0) score = x === 0 || x === 1 ? 50 : 30;
        }
      }
      if (score < 0) continue;
      hits.push({ node: i, score: score + Math.min(9, Math.log2(1 + this.model.data.nodes.degree[i])) });
    }
    hits.sort((a, b) => b.score - a.score || a.node - b.node);
    return hits.slice(0, limit);
  }
}

/** Wires the search box: typing lists hits, arrows move, Enter or click picks. */
export function setupSearch(model: Model, onPick: (node: number) => void): void {
  const index = new SearchIndex(model);
  const input = byId<HTMLInputElement>('search-input');
  const list = byId<HTMLUListElement>('search-results');
  let hits: SearchHit[] = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };
  const render = () => {
    clear(list);
    hits.forEach((hit, k) => {
      const i = hit.node;
      const kind = model.kind[i];
      const swatch = el('span', 'swatch');
      swatch.style.background = nodeColor(kind, model.data.nodes.thread[i]);
      const extra = model.data.nodes.search[i];
      const item = el('li', k === active ? 'active' : '', swatch, el('span', 'hit-label', truncate(model.data.nodes.label[i], 90)), el('span', 'hit-kind', kind), extra ? el('span', 'hit-extra', truncate(extra, 80)) : null);
      item.setAttribute('role', 'option');
      item.id = `search-hit-${k}`;
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(k);
      });
      list.append(item);
    });
    if (hits.length === 0 && input.value.trim()) list.append(el('li', 'empty', 'No match'));
    list.hidden = input.value.trim() === '';
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-hit-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const pick = (k: number) => {
    const hit = hits[k];
    if (!hit) return;
    input.value = model.data.nodes.label[hit.node];
    close();
    onPick(hit.node);
  };

  input.addEventListener('input', () => {
    hits = index.query(input.value);
    active = hits.length ? 0 : -1;
    render();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!hits.length) return;
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(Math.max(0, active));
    } else if (event.key === 'Escape') close();
  });
  // The list closes a moment after the box loses focus (so a click on a hit still lands), unless
  // the box has it back by then: a late close would hide the hits of what was typed meanwhile.
  input.addEventListener('blur', () =>
    setTimeout(() => {
      if (document.activeElement !== input) close();
    }, 100),
  );
}
