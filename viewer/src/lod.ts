/**
 * Level of detail (issue 5): what a large graph starts with and which edges it draws.
 *
 * Sigma's maintainers advise about 10^4 nodes / 10^5 edges for smooth interaction; the ACL corpus
 * graph has 65k papers and 357k edges among papers and threads. Above LOD_NODES nodes the viewer
 * therefore loads papers and threads only (other types on demand), keeps edges out of the sigma
 * graph until they are asked for (the hovered or selected node's, a thread shown alone, or all of
 * them by the "show all edges" control) and labels only the larger nodes. Pure functions: main.ts
 * applies them.
 */
import type { State } from './state.js';

/** Above this many nodes, entity types start unloaded and edges load on demand. */
export const LOD_NODES = 20_000;

export interface LevelOfDetail {
  on: boolean;
  /** Node types loaded into the sigma graph at start. */
  initialTypes: string[];
  /** Whether every edge between loaded nodes is loaded at start (otherwise on demand). */
  allEdges: boolean;
  /** Sigma settings that depend on the size of the graph. */
  settings: { labelRenderedSizeThreshold: number; hideEdgesOnMove: boolean; hideLabelsOnMove: boolean; points: boolean; nodeScale: number };
}

/**
 * The level of detail for a graph of `nodes` nodes and `edges` edges. `threshold` is LOD_NODES
 * unless the page asks for another (`?lod=N`, to try the level of detail on a small graph).
 */
export function levelOfDetail(nodes: number, edges: number, presentTypes: readonly string[], threshold = LOD_NODES): LevelOfDetail {
  const on = nodes > threshold;
  return {
    on,
    initialTypes: on ? presentTypes.filter((t) => t === 'paper' || t === 'thread') : [...presentTypes],
    allEdges: !on,
    settings: {
      // Small graphs can afford a label on most nodes; large ones label only the big ones.
      labelRenderedSizeThreshold: on ? 12 : nodes < 2000 ? 4 : 7,
      // Software WebGL (no GPU) redraws ~10k edges slowly: draw only the nodes while the camera moves.
      hideEdgesOnMove: on || edges > 5_000,
      hideLabelsOnMove: on || nodes > 5_000,
      // Draw nodes as GL points and edges as GL lines (single draw calls) instead of instanced
      // discs and quads once the graph has thousands of them.
      points: on || nodes > 5_000,
      // Smaller discs: tens of thousands of full-size papers overlap into one blob, and software
      // WebGL spends its frame time filling their pixels.
      nodeScale: on ? 0.4 : 1,
    },
  };
}

/** How one edge looks: not drawn, drawn as usual, or emphasised as an edge of the focused node. */
export type EdgeLook = 'hidden' | 'normal' | 'focus';

/**
 * Which edges show. Without the level of detail: all edges between visible nodes, and only the
 * focused node's (hovered, else selected) while there is one. With it: the hovered and the
 * selected node's edges, the edges of a thread shown alone, and the rest only when the user asked
 * for all edges.
 */
export function edgeLook(state: Pick<State, 'hovered' | 'selected' | 'showAllEdges' | 'onlyThread'>, lod: boolean, a: string, b: string): EdgeLook {
  if (!lod) {
    const focus = state.hovered ?? state.selected;
    if (focus) return a === focus || b === focus ? 'focus' : 'hidden';
    return state.showAllEdges ? 'normal' : 'hidden';
  }
  const touches = (key: string | null) => key !== null && (a === key || b === key);
  if (touches(state.hovered) || touches(state.selected)) return 'focus';
  if (state.selected) return 'hidden';
  return state.showAllEdges || state.onlyThread !== null ? 'normal' : 'hidden';
}
