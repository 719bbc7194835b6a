/**
 * litgraph viewer — sigma v3 over the data file the CLI writes (data/graph.js)
 * ===========================================================================
 *
 * Follows sigma's use-reducers pattern: the graph holds the data (positions, base colour, label);
 * a typed State holds what the user did (filters, hover, selection, size mode); nodeReducer and
 * edgeReducer derive the looks, and `refresh({skipIndexation: true})` redraws after a hover.
 *
 * Level of detail (lod.ts): above LOD_NODES nodes only papers and threads enter the sigma graph at
 * first, and edges enter it only when asked for (the hovered or selected node's, a thread shown
 * alone, "show all edges"); ticking another node type loads its nodes then. Loading is data, not a
 * look: the graph only grows, and the reducers decide what shows.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { EdgeLineProgram, NodePointProgram, type NodeLabelDrawingFunction } from 'sigma/rendering';
import { buildModel, readData, type Model } from './data.js';
import { computeVisibility, initialState, type SizeMode, type State } from './state.js';
import { DIM_NODE, EDGE_COLOR, EDGE_STRONG, HIGHLIGHT_EDGE, TYPE_COLORS, nodeColor, threadColor } from './colors.js';
import { byId, clear, el, truncate } from './dom.js';
import { setupSearch } from './search.js';
import { Panel } from './panel.js';
import { drawLabel } from './labels.js';
import { edgeLook, levelOfDetail, LOD_NODES } from './lod.js';

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
  /** Node indices of the two ends (the reducer reads them instead of asking the graph). */
  s: number;
  t: number;
}

/** The read-only test and debugging hook: counts and state, no way to change anything. */
export interface ViewerHook {
  readonly ready: boolean;
  readonly totalNodes: number;
  readonly totalEdges: number;
  readonly loadedNodes: number;
  /** Edges in the sigma graph (at the level of detail, only those asked for so far). */
  readonly loadedEdges: number;
  readonly lod: boolean;
  readonly showAllEdges: boolean;
  /** Edges drawn right now, hover included (counted on demand). */
  readonly drawnEdges: number;
  readonly visibleNodes: number;
  readonly visibleEdges: number;
  readonly selected: string | null;
  readonly onlyThread: string | null;
  readonly types: string[];
  readonly renders: number;
  /**
   * performance.now() (ms since navigation) when the app started, when the data model, the graph
   * and the renderer were ready, and when sigma first drew.
   */
  readonly timings: { start: number; model: number; graph: number; renderer: number; firstRender: number | null };
  /** Durations of the recent renders in ms (a copy). */
  readonly renderTimes: number[];
  readonly hovered: string | null;
  /** Where a node is drawn, in CSS pixels relative to the graph container (null if not drawn). */
  position(key: string): { x: number; y: number } | null;
}

/** A node's size; `scale` shrinks the tens of thousands of papers of a large graph (lod.ts). */
function nodeSize(model: Model, i: number, mode: SizeMode, scale = 1): number {
  const kind = model.kind[i];
  const base = kind === 'thread' ? 6 : kind === 'paper' ? 2.5 : 1.5;
  const value = mode === 'pagerank' ? Math.max(0, model.data.nodes.pagerank[i]) * 2 : model.data.nodes.degree[i];
  const size = Math.min(30, base + 1.6 * Math.sqrt(value));
  return kind === 'thread' ? size : Math.max(1, size * scale);
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
  const modelAt = performance.now();
  const presentTypes = data.nodeTypes.filter((t) => model.kind.includes(t));
  // `?lod=N` lowers the threshold (to try the level of detail on a small graph).
  const lodParam = Number(new URLSearchParams(window.location.search).get('lod'));
  const lod = levelOfDetail(model.n, data.edges.length / 3, presentTypes, Number.isInteger(lodParam) && lodParam > 0 ? lodParam : LOD_NODES);
  const large = lod.on;
  const initialTypes = lod.initialTypes;
  const state: State = initialState(model, initialTypes, lod.allEdges);

  const graph = new Graph<NodeAttrs, EdgeAttrs>({ type: 'undirected', multi: false, allowSelfLoops: false });
  const loaded = new Uint8Array(model.n);
  const loadedTypes = new Set<string>();
  /** Adds node i's edges to every loaded node not yet linked to it; true if any was added. */
  const loadEdgesOf = (i: number): boolean => {
    let added = false;
    const a = nodes.key[i];
    for (let p = model.start[i]; p < model.start[i + 1]; p++) {
      const j = model.adj[p];
      if (!loaded[j]) continue;
      const b = nodes.key[j];
      if (graph.hasEdge(a, b)) continue;
      const kind = data.edgeTypes[model.adjType[p]] ?? '';
      const strong = kind === 'cites' || kind === 'builds_on' || kind === 'similar_to';
      graph.addEdge(a, b, { kind, color: strong ? EDGE_STRONG : EDGE_COLOR, size: strong ? 1 : 0.5, s: i, t: j });
      added = true;
    }
    return added;
  };
  /** Adds every node of `types` not yet in the sigma graph (and their edges, unless edges load on demand). */
  const loadTypes = (types: Iterable<string>) => {
    const wanted = new Set([...types].filter((t) => !loadedTypes.has(t)));
    if (!wanted.size) return false;
    for (const t of wanted) loadedTypes.add(t);
    const added: number[] = [];
    for (let i = 0; i < model.n; i++) {
      if (loaded[i] || !wanted.has(model.kind[i])) continue;
      loaded[i] = 1;
      added.push(i);
      graph.addNode(nodes.key[i], { i, x: nodes.x[i], y: nodes.y[i], size: nodeSize(model, i, 'degree', lod.settings.nodeScale), color: baseColor(model, i), label: truncate(nodes.label[i], 40), kind: model.kind[i] });
    }
    if (state.showAllEdges) for (const i of added) loadEdgesOf(i);
    return true;
  };
  /** Loads the edges among the loaded nodes of thread t (for "show only this thread" at the level of detail). */
  const loadThreadEdges = (t: number) => {
    for (let i = 0; i < model.n; i++) if (loaded[i] && nodes.thread[i] === t) loadEdgesOf(i);
  };
  loadTypes(initialTypes);
  const graphAt = performance.now();

  let visible = computeVisibility(model, state, loaded);
  let visibleCounts = { nodes: 0, edges: 0 };
  let renders = 0;

  const container = byId('sigma-container');
  const renderer = new Sigma<NodeAttrs, EdgeAttrs>(graph, container, {
    renderLabels: true,
    labelRenderedSizeThreshold: lod.settings.labelRenderedSizeThreshold,
    labelDensity: 0.6,
    labelGridCellSize: 120,
    labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    labelSize: 12,
    defaultDrawNodeLabel: drawLabel as NodeLabelDrawingFunction<NodeAttrs, EdgeAttrs>,
    zIndex: true,
    // At the level of detail nodes are GL points and edges GL lines: one draw call for all of
    // them. Sigma's default disc and rectangle programs draw one instance per item, which
    // software WebGL (SwiftShader) runs item by item: 65k discs took seconds per frame.
    ...(lod.settings.points ? { nodeProgramClasses: { circle: NodePointProgram }, edgeProgramClasses: { line: EdgeLineProgram } } : {}),
    hideEdgesOnMove: lod.settings.hideEdgesOnMove,
    hideLabelsOnMove: lod.settings.hideLabelsOnMove,
    defaultEdgeColor: EDGE_COLOR,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
  });
  const rendererAt = performance.now();
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
  /**
   * At the level of detail the focused nodes' edges are drawn again over the nodes: sigma draws
   * edges beneath all nodes, and 65k papers (dimmed or not) cover most of them.
   */
  const drawFocusEdges = () => {
    if (!large) return;
    const context = renderer.getCanvases().labels?.getContext('2d');
    if (!context) return;
    context.save();
    context.strokeStyle = HIGHLIGHT_EDGE;
    context.lineWidth = 1;
    context.globalAlpha = 0.8;
    context.beginPath();
    for (const focus of new Set([state.selected, state.hovered])) {
      if (focus === null || !graph.hasNode(focus)) continue;
      const from = renderer.getNodeDisplayData(focus);
      if (!from || from.hidden) continue;
      const a = renderer.framedGraphToViewport(from);
      graph.forEachNeighbor(focus, (other) => {
        const to = renderer.getNodeDisplayData(other);
        if (!to || to.hidden) return;
        const b = renderer.framedGraphToViewport(to);
        context.moveTo(a.x, a.y);
        context.lineTo(b.x, b.y);
      });
    }
    context.stroke();
    context.restore();
  };
  renderer.on('afterRender', () => {
    drawFocusEdges();
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
    if (state.sizeMode !== 'degree') res.size = nodeSize(model, i, state.sizeMode, lod.settings.nodeScale);
    if (attrs.kind === 'thread') {
      res.label = ''; // thread labels are drawn on top of all others, after the render (below)
      res.zIndex = 3;
    }
    // At the level of detail hovering only emphasises the node and its neighbours, so a hover
    // redraws a handful of nodes (a partial refresh) instead of dimming 65k; a click still dims.
    if (large && state.hovered) {
      if (key === state.hovered) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 2;
      } else if (state.hoveredNeighbours.has(key)) {
        res.forceLabel = state.hoveredNeighbours.size <= 25;
        res.zIndex = 1;
      }
    }
    const focus = large ? state.selected : (state.hovered ?? state.selected);
    const focusNeighbours = large || !state.hovered ? state.selectedNeighbours : state.hoveredNeighbours;
    if (focus) {
      if (key === focus) {
        res.highlighted = true;
        res.zIndex = 2;
        res.forceLabel = true;
      } else if (focusNeighbours.has(key)) {
        res.zIndex = 1;
        res.forceLabel = focusNeighbours.size <= 25;
      } else if (!(large && (key === state.hovered || state.hoveredNeighbours.has(key)))) {
        res.color = DIM_NODE;
        res.label = '';
        res.zIndex = 0;
      }
    }
    if (isSelected(key)) res.highlighted = true;
    return res;
  });
  const endsShown = (attrs: EdgeAttrs) => (visible[attrs.s] || isSelected(nodes.key[attrs.s])) && (visible[attrs.t] || isSelected(nodes.key[attrs.t]));
  renderer.setSetting('edgeReducer', (_key, attrs): Partial<EdgeDisplayData> => {
    const res: Partial<EdgeDisplayData> = { ...attrs };
    if (!endsShown(attrs)) return { ...res, hidden: true };
    const look = edgeLook(state, large, nodes.key[attrs.s], nodes.key[attrs.t]);
    if (look === 'hidden') res.hidden = true;
    else if (look === 'focus') {
      res.color = HIGHLIGHT_EDGE;
      res.size = Math.max(1, attrs.size * 1.5);
    }
    return res;
  });

  /** Counts what is drawn when nothing is hovered: nodes the filters let show, edges the level of detail draws. */
  const countVisible = () => {
    let n = 0;
    graph.forEachNode((key, a) => {
      if (visible[a.i] || isSelected(key)) n++;
    });
    let m = 0;
    const resting = { ...state, hovered: null };
    graph.forEachEdge((_, attrs) => {
      if (endsShown(attrs) && edgeLook(resting, large, nodes.key[attrs.s], nodes.key[attrs.t]) !== 'hidden') m++;
    });
    visibleCounts = { nodes: n, edges: m };
    byId('status').textContent = `${n.toLocaleString('en')} of ${model.n.toLocaleString('en')} nodes · ${m.toLocaleString('en')} edges shown`;
    byId('edges-count').textContent = large ? `${graph.size.toLocaleString('en')} of ${(data.edges.length / 3).toLocaleString('en')} loaded` : '';
  };

  /** After a filter change: recompute visibility and redraw (full refresh: sizes may change). */
  const applyFilters = () => {
    if (large && state.onlyThread !== null) loadThreadEdges(state.onlyThread);
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
    if (large) loadEdgesOf(i);
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

  /**
   * Redraws a hover change. At the level of detail only the nodes and edges whose look changed
   * (the old and new hovered node, their neighbours and edges) are reprocessed; a full refresh
   * would run the reducers over every node and edge.
   */
  const refreshHover = (previous: string | null, previousNeighbours: Set<string>, edgesAdded: boolean) => {
    if (!large) {
      renderer.refresh({ skipIndexation: true });
      return;
    }
    const changed = new Set<string>(previousNeighbours);
    for (const k of state.hoveredNeighbours) changed.add(k);
    const edges = new Set<string>();
    for (const k of [previous, state.hovered]) {
      if (k === null || !graph.hasNode(k)) continue;
      changed.add(k);
      for (const e of graph.edges(k)) edges.add(e);
    }
    // New edges have no place in sigma's buffers yet: they need the indexation pass.
    renderer.refresh({ partialGraph: { nodes: [...changed].filter((k) => graph.hasNode(k)), edges: [...edges] }, skipIndexation: !edgesAdded });
  };
  renderer.on('enterNode', ({ node }) => {
    if (renderer.getMouseCaptor().isMouseDown) return; // panning: no hover highlight on the way
    const previous = state.hovered;
    const previousNeighbours = state.hoveredNeighbours;
    const edgesAdded = large ? loadEdgesOf(graph.getNodeAttribute(node, 'i')) : false;
    state.hovered = node;
    state.hoveredNeighbours = neighbourSet(node);
    container.classList.add('pointer');
    refreshHover(previous, previousNeighbours, edgesAdded);
  });
  renderer.on('leaveNode', () => {
    if (state.hovered === null) return;
    const previous = state.hovered;
    const previousNeighbours = state.hoveredNeighbours;
    state.hovered = null;
    state.hoveredNeighbours = new Set();
    container.classList.remove('pointer');
    refreshHover(previous, previousNeighbours, false);
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

  const showEdges = byId<HTMLInputElement>('show-edges');
  showEdges.checked = state.showAllEdges;
  byId('edges-hint').hidden = !large;
  showEdges.addEventListener('change', () => {
    state.showAllEdges = showEdges.checked;
    if (state.showAllEdges) graph.forEachNode((_, a) => void loadEdgesOf(a.i));
    countVisible();
    renderer.refresh();
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
    get loadedEdges() {
      return graph.size;
    },
    get lod() {
      return large;
    },
    get showAllEdges() {
      return state.showAllEdges;
    },
    get drawnEdges() {
      let m = 0;
      graph.forEachEdge((_, attrs) => {
        if (endsShown(attrs) && edgeLook(state, large, nodes.key[attrs.s], nodes.key[attrs.t]) !== 'hidden') m++;
      });
      return m;
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
      return { start: startedAt, model: modelAt, graph: graphAt, renderer: rendererAt, firstRender: firstRenderAt };
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
