/**
 * litgraph viewer — sigma v3 over the data file the CLI writes (data/graph.js)
 * ===========================================================================
 *
 * Follows sigma's use-reducers pattern: the graph holds the data (positions, base colour, label);
 * a typed State holds what the user did (filters, hover, selection, size mode); nodeReducer and
 * edgeReducer derive the looks, and `refresh({skipIndexation: true})` redraws after a hover.
 *
 * Level of detail: above LOD_NODES nodes only papers and threads enter the sigma graph at first;
 * ticking another node type loads its nodes then (data loading, not a look).
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { NodeLabelDrawingFunction } from 'sigma/rendering';
import { buildModel, readData, type Model } from './data.js';
import { computeVisibility, initialState, type SizeMode, type State } from './state.js';
import { DIM_NODE, EDGE_COLOR, EDGE_STRONG, HIGHLIGHT_EDGE, TYPE_COLORS, nodeColor, threadColor } from './colors.js';
import { byId, clear, el, truncate } from './dom.js';
import { setupSearch } from './search.js';
import { Panel } from './panel.js';
import { drawLabel } from './labels.js';

/** Above this many nodes, entity types start unloaded (issue 5: papers and threads first). */
export const LOD_NODES = 20_000;

interface NodeAttrs {
  i: number;
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: string;
}
interface EdgeAttrs {
  kind: string;
  color: string;
  size: number;
}

/** The read-only test and debugging hook: counts and state, no way to change anything. */
export interface ViewerHook {
  readonly ready: boolean;
  readonly totalNodes: number;
  readonly totalEdges: number;
  readonly loadedNodes: number;
  readonly visibleNodes: number;
  readonly visibleEdges: number;
  readonly selected: string | null;
  readonly onlyThread: string | null;
  readonly types: string[];
  readonly renders: number;
  /** performance.now() (ms since navigation) when the app started and when sigma first drew. */
  readonly timings: { start: number; firstRender: number | null };
  /** Durations of the recent renders in ms (a copy). */
  readonly renderTimes: number[];
  readonly hovered: string | null;
  /** Where a node is drawn, in CSS pixels relative to the graph container (null if not drawn). */
  position(key: string): { x: number; y: number } | null;
}

function nodeSize(model: Model, i: number, mode: SizeMode): number {
  const kind = model.kind[i];
  const base = kind === 'thread' ? 6 : kind === 'paper' ? 2.5 : 1.5;
  const value = mode === 'pagerank' ? Math.max(0, model.data.nodes.pagerank[i]) * 2 : model.data.nodes.degree[i];
  return Math.min(30, base + 1.6 * Math.sqrt(value));
}

function baseColor(model: Model, i: number): string {
  return nodeColor(model.kind[i], model.data.nodes.thread[i]);
}

function showMessage(text: string): void {
  const box = byId('message');
  box.textContent = text;
  box.hidden = false;
}

function start(): void {
  const startedAt = performance.now();
  let firstRenderAt: number | null = null;
  const data = readData();
  const model = buildModel(data);
  const { nodes } = data;
  const presentTypes = data.nodeTypes.filter((t) => model.kind.includes(t));
  // `?lod=N` lowers the threshold (to try the level of detail on a small graph).
  const lodParam = Number(new URLSearchParams(window.location.search).get('lod'));
  const large = model.n > (Number.isInteger(lodParam) && lodParam > 0 ? lodParam : LOD_NODES);
  const initialTypes = large ? presentTypes.filter((t) => t === 'paper' || t === 'thread') : presentTypes;

  const graph = new Graph<NodeAttrs, EdgeAttrs>({ type: 'undirected', multi: false, allowSelfLoops: false });
  const loaded = new Uint8Array(model.n);
  const loadedTypes = new Set<string>();
  /** Adds every node of `types` not yet in the sigma graph, and their edges to loaded nodes. */
  const loadTypes = (types: Iterable<string>) => {
    const wanted = new Set([...types].filter((t) => !loadedTypes.has(t)));
    if (!wanted.size) return false;
    for (const t of wanted) loadedTypes.add(t);
    const added: number[] = [];
    for (let i = 0; i < model.n; i++) {
      if (loaded[i] || !wanted.has(model.kind[i])) continue;
      loaded[i] = 1;
      added.push(i);
      graph.addNode(nodes.key[i], { i, x: nodes.x[i], y: nodes.y[i], size: nodeSize(model, i, 'degree'), color: baseColor(model, i), label: truncate(nodes.label[i], 40), kind: model.kind[i] });
    }
    for (const i of added) {
      for (let p = model.start[i]; p < model.start[i + 1]; p++) {
        const j = model.adj[p];
        if (!loaded[j]) continue;
        const a = nodes.key[i];
        const b = nodes.key[j];
        if (graph.hasEdge(a, b)) continue;
        const kind = data.edgeTypes[model.adjType[p]] ?? '';
        const strong = kind === 'cites' || kind === 'builds_on' || kind === 'similar_to';
        graph.addEdge(a, b, { kind, color: strong ? EDGE_STRONG : EDGE_COLOR, size: strong ? 1 : 0.5 });
      }
    }
    return true;
  };
  loadTypes(initialTypes);

  const state: State = initialState(model, initialTypes);
  let visible = computeVisibility(model, state, loaded);
  let visibleCounts = { nodes: 0, edges: 0 };
  let renders = 0;

  const container = byId('sigma-container');
  const renderer = new Sigma<NodeAttrs, EdgeAttrs>(graph, container, {
    renderLabels: true,
    // Small graphs can afford a label on most nodes; large ones label only the big ones.
    labelRenderedSizeThreshold: model.n < 2000 ? 4 : 7,
    labelDensity: 0.6,
    labelGridCellSize: 120,
    labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    labelSize: 12,
    defaultDrawNodeLabel: drawLabel as NodeLabelDrawingFunction<NodeAttrs, EdgeAttrs>,
    zIndex: true,
    // Software WebGL (no GPU) redraws ~10k edges slowly: draw only the nodes while the camera moves.
    hideEdgesOnMove: graph.size > 5_000,
    hideLabelsOnMove: graph.order > 5_000,
    defaultEdgeColor: EDGE_COLOR,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
  });
  /** Durations of the last renders (ms), for the benchmark. */
  const renderTimes: number[] = [];
  let renderStarted = 0;
  renderer.on('beforeRender', () => {
    renderStarted = performance.now();
  });
  // Thread labels name the clusters: drawn last, over every other label, unless hidden or dimmed.
  const threadNodes = data.threads.map((t) => t.node).filter((i) => i >= 0);
  const drawThreadLabels = () => {
    const context = renderer.getCanvases().labels?.getContext('2d');
    if (!context) return;
    const settings = renderer.getSettings();
    // Biggest threads first; a label that would overlap one already drawn is skipped.
    const drawn: { x0: number; x1: number; y0: number; y1: number }[] = [];
    const bySize = [...threadNodes].sort((a, b) => nodes.degree[b] - nodes.degree[a]);
    context.font = `700 ${settings.labelSize + 3}px ${settings.labelFont}`;
    for (const i of bySize) {
      const key = nodes.key[i];
      if (!graph.hasNode(key)) continue;
      const display = renderer.getNodeDisplayData(key);
      if (!display || display.hidden || display.color === DIM_NODE) continue;
      const p = renderer.framedGraphToViewport(display);
      const size = renderer.scaleSize(display.size);
      const label = truncate(nodes.label[i], 48);
      const box = { x0: p.x + size, x1: p.x + size + 6 + context.measureText(label).width, y0: p.y - 10, y1: p.y + 10 };
      if (drawn.some((d) => box.x0 < d.x1 && d.x0 < box.x1 && box.y0 < d.y1 && d.y0 < box.y1)) continue;
      drawn.push(box);
      drawLabel(context, { ...display, x: p.x, y: p.y, size, label }, settings as never);
    }
  };
  renderer.on('afterRender', () => {
    drawThreadLabels();
    renders++;
    firstRenderAt ??= performance.now();
    renderTimes.push(performance.now() - renderStarted);
    if (renderTimes.length > 2000) renderTimes.splice(0, 1000);
  });

  const isSelected = (key: string) => key === state.selected;
  renderer.setSetting('nodeReducer', (key, attrs): Partial<NodeDisplayData> => {
    const res: Partial<NodeDisplayData> & { zIndex?: number } = { ...attrs };
    const i = attrs.i;
    if (!visible[i] && !isSelected(key)) return { ...res, hidden: true };
    if (state.sizeMode !== 'degree') res.size = nodeSize(model, i, state.sizeMode);
    if (attrs.kind === 'thread') {
      res.label = ''; // thread labels are drawn on top of all others, after the render (below)
      res.zIndex = 3;
    }
    const focus = state.hovered ?? state.selected;
    const focusNeighbours = state.hovered ? state.hoveredNeighbours : state.selectedNeighbours;
    if (focus) {
      if (key === focus) {
        res.highlighted = true;
        res.zIndex = 2;
        res.forceLabel = true;
      } else if (focusNeighbours.has(key)) {
        res.zIndex = 1;
        res.forceLabel = focusNeighbours.size <= 25;
      } else {
        res.color = DIM_NODE;
        res.label = '';
        res.zIndex = 0;
      }
    }
    if (isSelected(key)) res.highlighted = true;
    return res;
  });
  renderer.setSetting('edgeReducer', (key, attrs): Partial<EdgeDisplayData> => {
    const res: Partial<EdgeDisplayData> = { ...attrs };
    const [a, b] = graph.extremities(key);
    const ia = graph.getNodeAttribute(a, 'i');
    const ib = graph.getNodeAttribute(b, 'i');
    if ((!visible[ia] && !isSelected(a)) || (!visible[ib] && !isSelected(b))) return { ...res, hidden: true };
    const focus = state.hovered ?? state.selected;
    if (focus) {
      if (a === focus || b === focus) {
        res.color = HIGHLIGHT_EDGE;
        res.size = Math.max(1, attrs.size * 1.5);
      } else res.hidden = true;
    }
    return res;
  });

  const countVisible = () => {
    let n = 0;
    graph.forEachNode((key, a) => {
      if (visible[a.i] || isSelected(key)) n++;
    });
    let m = 0;
    graph.forEachEdge((_, __, s, t, sa, ta) => {
      if ((visible[sa.i] || isSelected(s)) && (visible[ta.i] || isSelected(t))) m++;
    });
    visibleCounts = { nodes: n, edges: m };
    byId('status').textContent = `${n.toLocaleString('en')} of ${model.n.toLocaleString('en')} nodes · ${m.toLocaleString('en')} edges shown`;
  };

  /** After a filter change: recompute visibility and redraw (full refresh: sizes may change). */
  const applyFilters = () => {
    visible = computeVisibility(model, state, loaded);
    countVisible();
    renderer.refresh();
    renderFilterControls();
  };

  /* ---------------------------------------------------------------- selection & hover -- */
  const panel = new Panel(model, (i) => selectNode(i, true), () => selectNode(null, false));
  const neighbourSet = (key: string) => new Set(graph.hasNode(key) ? graph.neighbors(key) : []);

  function selectNode(i: number | null, centre: boolean): void {
    if (i === null) {
      state.selected = null;
      state.selectedNeighbours = new Set();
      panel.hide();
      countVisible();
      renderer.refresh({ skipIndexation: true });
      return;
    }
    const key = nodes.key[i];
    if (!loaded[i]) {
      // A search hit of an unloaded type: load the type and show it.
      state.types.add(model.kind[i]);
      loadTypes([model.kind[i]]);
      visible = computeVisibility(model, state, loaded);
      renderFilterControls();
    }
    state.selected = key;
    state.selectedNeighbours = neighbourSet(key);
    countVisible();
    renderer.refresh();
    void panel.show(i);
    if (centre) {
      const display = renderer.getNodeDisplayData(key);
      if (display) void renderer.getCamera().animate({ x: display.x, y: display.y, ratio: Math.min(renderer.getCamera().ratio, 0.35) }, { duration: 500 });
    }
  }

  renderer.on('enterNode', ({ node }) => {
    if (renderer.getMouseCaptor().isMouseDown) return; // panning: no hover highlight on the way
    state.hovered = node;
    state.hoveredNeighbours = neighbourSet(node);
    container.classList.add('pointer');
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('leaveNode', () => {
    if (state.hovered === null) return;
    state.hovered = null;
    state.hoveredNeighbours = new Set();
    container.classList.remove('pointer');
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('clickNode', ({ node }) => selectNode(graph.getNodeAttribute(node, 'i'), false));
  renderer.on('clickStage', () => selectNode(null, false));

  /* -------------------------------------------------------------------------- filters -- */
  const threadCounts = new Map<number, number>();
  for (let i = 0; i < model.n; i++) if (model.kind[i] === 'paper') threadCounts.set(nodes.thread[i], (threadCounts.get(nodes.thread[i]) ?? 0) + 1);
  const typeCounts = new Map<string, number>();
  for (const k of model.kind) typeCounts.set(k, (typeCounts.get(k) ?? 0) + 1);

  function renderFilterControls(): void {
    // Legend of threads.
    const legend = byId('legend');
    clear(legend);
    const entries: { index: number; label: string; size: number }[] = data.threads.map((t, index) => ({ index, label: t.label, size: threadCounts.get(index) ?? t.size }));
    if (threadCounts.has(-1) && entries.length) entries.push({ index: -1, label: 'no thread', size: threadCounts.get(-1) ?? 0 });
    if (!entries.length) legend.append(el('li', 'empty', 'No threads in this graph (papers in one colour).'));
    for (const entry of entries) {
      const box = el('input');
      box.type = 'checkbox';
      box.checked = !state.hiddenThreads.has(entry.index);
      box.setAttribute('aria-label', `show thread ${entry.label}`);
      box.addEventListener('change', () => {
        if (box.checked) state.hiddenThreads.delete(entry.index);
        else state.hiddenThreads.add(entry.index);
        applyFilters();
      });
      const swatch = el('span', 'swatch');
      swatch.style.background = threadColor(entry.index);
      const button = el('button', state.onlyThread === entry.index ? 'thread-only active' : 'thread-only', swatch, truncate(entry.label, 60), el('span', 'count', String(entry.size)));
      button.type = 'button';
      button.title = entry.label;
      button.dataset.thread = String(entry.index);
      button.addEventListener('click', () => {
        state.onlyThread = state.onlyThread === entry.index ? null : entry.index;
        applyFilters();
      });
      legend.append(el('li', state.onlyThread !== null && state.onlyThread !== entry.index ? 'muted' : '', box, button));
    }
    // Node types.
    const types = byId('types');
    clear(types);
    for (const t of presentTypes) {
      const box = el('input');
      box.type = 'checkbox';
      box.checked = state.types.has(t);
      box.dataset.type = t;
      box.addEventListener('change', () => {
        if (box.checked) {
          state.types.add(t);
          loadTypes([t]);
        } else state.types.delete(t);
        applyFilters();
      });
      const swatch = el('span', 'swatch');
      swatch.style.background = t === 'paper' && data.threads.length ? 'linear-gradient(90deg, #1f77b4, #ff7f0e, #2ca02c)' : (TYPE_COLORS[t] ?? '#888');
      const note = loadedTypes.has(t) ? '' : ' (not loaded)';
      types.append(el('li', '', el('label', '', box, swatch, `${t} `, el('span', 'count', `${typeCounts.get(t) ?? 0}${note}`))));
    }
  }

  const yearMin = byId<HTMLInputElement>('year-min');
  const yearMax = byId<HTMLInputElement>('year-max');
  const yearOutput = byId('years-output');
  if (model.yearRange) {
    for (const input of [yearMin, yearMax]) {
      input.min = String(model.yearRange[0]);
      input.max = String(model.yearRange[1]);
      input.step = '1';
    }
    yearMin.value = String(model.yearRange[0]);
    yearMax.value = String(model.yearRange[1]);
    const onYears = () => {
      let lo = Number(yearMin.value);
      let hi = Number(yearMax.value);
      if (lo > hi) [lo, hi] = [hi, lo];
      state.yearMin = lo;
      state.yearMax = hi;
      yearOutput.textContent = `${lo}–${hi}`;
      applyFilters();
    };
    yearMin.addEventListener('input', onYears);
    yearMax.addEventListener('input', onYears);
    yearOutput.textContent = `${model.yearRange[0]}–${model.yearRange[1]}`;
  } else byId('years-section').hidden = true;

  const minDegree = byId<HTMLInputElement>('min-degree');
  minDegree.max = String(Math.max(1, Math.min(50, model.maxDegree)));
  minDegree.addEventListener('input', () => {
    state.minDegree = Number(minDegree.value);
    byId('degree-output').textContent = minDegree.value;
    applyFilters();
  });

  byId<HTMLSelectElement>('size-mode').addEventListener('change', (event) => {
    state.sizeMode = (event.target as HTMLSelectElement).value === 'pagerank' ? 'pagerank' : 'degree';
    renderer.refresh();
  });

  byId('reset-filters').addEventListener('click', () => {
    state.types = new Set(loadedTypes.size ? presentTypes.filter((t) => loadedTypes.has(t)) : presentTypes);
    state.hiddenThreads.clear();
    state.onlyThread = null;
    if (model.yearRange) {
      [state.yearMin, state.yearMax] = model.yearRange;
      yearMin.value = String(model.yearRange[0]);
      yearMax.value = String(model.yearRange[1]);
      yearOutput.textContent = `${model.yearRange[0]}–${model.yearRange[1]}`;
    }
    state.minDegree = 0;
    minDegree.value = '0';
    byId('degree-output').textContent = '0';
    applyFilters();
  });

  byId('export-png').addEventListener('click', () => exportPng(renderer));

  setupSearch(model, (i) => selectNode(i, true));
  renderFilterControls();
  countVisible();
  renderer.refresh();
  document.body.classList.add('ready');
  if (large) showMessage(`Large graph (${model.n.toLocaleString('en')} nodes): showing papers and threads; tick other node types to load them.`);

  const hook: ViewerHook = Object.freeze({
    get ready() {
      return true;
    },
    get totalNodes() {
      return model.n;
    },
    get totalEdges() {
      return data.edges.length / 3;
    },
    get loadedNodes() {
      return graph.order;
    },
    get visibleNodes() {
      return visibleCounts.nodes;
    },
    get visibleEdges() {
      return visibleCounts.edges;
    },
    get selected() {
      return state.selected;
    },
    get onlyThread() {
      return state.onlyThread === null ? null : (data.threads[state.onlyThread]?.id ?? 'no thread');
    },
    get types() {
      return [...state.types];
    },
    get renders() {
      return renders;
    },
    get hovered() {
      return state.hovered;
    },
    get renderTimes() {
      return [...renderTimes];
    },
    get timings() {
      return { start: startedAt, firstRender: firstRenderAt };
    },
    position(key: string) {
      const display = renderer.getNodeDisplayData(key);
      if (!display || display.hidden) return null;
      const p = renderer.framedGraphToViewport(display);
      return { x: p.x, y: p.y };
    },
  });
  Object.defineProperty(window, '__litgraph', { value: hook, writable: false, configurable: false });
}

/** Draws sigma's layers (WebGL and 2D canvases, in DOM order) onto one white canvas and downloads it. */
export function exportPng(renderer: Sigma<NodeAttrs, EdgeAttrs>): void {
  renderer.refresh(); // a synchronous render: the WebGL buffers are readable until this task ends
  const layers = [...renderer.getContainer().querySelectorAll('canvas')];
  const first = layers[0];
  if (!first) return;
  const out = document.createElement('canvas');
  out.width = first.width;
  out.height = first.height;
  const ctx = out.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const layer of layers) if (layer.width && layer.height) ctx.drawImage(layer, 0, 0, out.width, out.height);
  out.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'litgraph.png';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }, 'image/png');
}

function boot(): void {
  try {
    start();
  } catch (error) {
    showMessage((error as Error).message);
    console.error(error);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
