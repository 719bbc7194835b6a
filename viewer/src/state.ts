/**
 * The viewer's state (sigma's use-reducers pattern): one typed object; the looks are derived from
 * it in the reducers, the graph is never mutated to show state. `computeVisibility` turns the
 * filters into one flag per node, recomputed only when a filter changes.
 */
import type { Model } from './data.js';

export type SizeMode = 'degree' | 'pagerank';

export interface State {
  /** Node types shown. */
  types: Set<string>;
  /** Threads hidden by their legend checkbox (thread index; -1 = papers without a thread). */
  hiddenThreads: Set<number>;
  /** "Show only this thread" (thread index), or null. */
  onlyThread: number | null;
  yearMin: number;
  yearMax: number;
  minDegree: number;
  sizeMode: SizeMode;
  /** Draw every edge between visible nodes (off at the level of detail: focus and thread edges only). */
  showAllEdges: boolean;
  hovered: string | null;
  hoveredNeighbours: Set<string>;
  selected: string | null;
  selectedNeighbours: Set<string>;
}

export function initialState(model: Model, types: Iterable<string>, showAllEdges = true): State {
  return {
    types: new Set(types),
    hiddenThreads: new Set(),
    onlyThread: null,
    yearMin: model.yearRange?.[0] ?? 0,
    yearMax: model.yearRange?.[1] ?? 0,
    minDegree: 0,
    sizeMode: 'degree',
    showAllEdges,
    hovered: null,
    hoveredNeighbours: new Set(),
    selected: null,
    selectedNeighbours: new Set(),
  };
}

/** Whether thread/year filters restrict papers (entities then need a visible paper neighbour). */
function papersRestricted(model: Model, s: State): boolean {
  const fullYears = !model.yearRange || (s.yearMin <= model.yearRange[0] && s.yearMax >= model.yearRange[1]);
  return s.onlyThread !== null || s.hiddenThreads.size > 0 || !fullYears;
}

/** One flag per node: 1 when the filters let it show. `loaded` marks nodes present in the sigma graph. */
export function computeVisibility(model: Model, s: State, loaded: Uint8Array): Uint8Array {
  const { nodes } = model.data;
  const visible = new Uint8Array(model.n);
  const fullYears = !model.yearRange || (s.yearMin <= model.yearRange[0] && s.yearMax >= model.yearRange[1]);
  const threadShown = (t: number) => (s.onlyThread !== null ? t === s.onlyThread : !s.hiddenThreads.has(t));
  // Papers and threads first.
  for (let i = 0; i < model.n; i++) {
    const kind = model.kind[i];
    if (kind !== 'paper' && kind !== 'thread') continue;
    if (!loaded[i] || !s.types.has(kind) || nodes.degree[i] < s.minDegree) continue;
    if (!threadShown(nodes.thread[i])) continue;
    if (kind === 'paper' && !fullYears) {
      const y = nodes.year[i];
      if (y === 0 || y < s.yearMin || y > s.yearMax) continue;
    }
    visible[i] = 1;
  }
  // Then entities: when papers are restricted, only those linked to a visible paper.
  const restricted = papersRestricted(model, s);
  for (let i = 0; i < model.n; i++) {
    const kind = model.kind[i];
    if (kind === 'paper' || kind === 'thread') continue;
    if (!loaded[i] || !s.types.has(kind) || nodes.degree[i] < s.minDegree) continue;
    if (restricted) {
      let linked = false;
      for (let p = model.start[i]; p < model.start[i + 1] && !linked; p++) {
        const j = model.adj[p];
        if (model.kind[j] === 'paper' && visible[j]) linked = true;
      }
      if (!linked) continue;
    }
    visible[i] = 1;
  }
  return visible;
}
