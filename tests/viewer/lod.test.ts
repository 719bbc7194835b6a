/**
 * The viewer's level of detail as pure functions (viewer/src/lod.ts): when it switches on, what
 * it loads first and which edges it draws; and thread colours that sigma's WebGL can parse.
 */
import { describe, expect, it } from 'vitest';
import { edgeLook, levelOfDetail, LOD_NODES } from '../../viewer/src/lod.js';
import { hslToHex, threadColor, THREAD_PALETTE } from '../../viewer/src/colors.js';

const TYPES = ['paper', 'author', 'method', 'thread'];

describe('levelOfDetail', () => {
  it('is off up to the threshold: every type and every edge at start, full-size nodes', () => {
    const lod = levelOfDetail(LOD_NODES, 100_000, TYPES);
    expect(lod.on).toBe(false);
    expect(lod.initialTypes).toEqual(TYPES);
    expect(lod.allEdges).toBe(true);
    expect(lod.settings.nodeScale).toBe(1);
    expect(levelOfDetail(1000, 2000, TYPES).settings).toMatchObject({ hideEdgesOnMove: false, hideLabelsOnMove: false, labelRenderedSizeThreshold: 4, points: false });
    expect(levelOfDetail(10_000, 30_000, TYPES).settings).toMatchObject({ points: true, nodeScale: 1 });
  });

  it('above the threshold starts with papers and threads, edges on demand, fewer labels', () => {
    const lod = levelOfDetail(LOD_NODES + 1, 800_000, TYPES);
    expect(lod.on).toBe(true);
    expect(lod.initialTypes).toEqual(['paper', 'thread']);
    expect(lod.allEdges).toBe(false);
    expect(lod.settings.hideEdgesOnMove).toBe(true);
    expect(lod.settings.hideLabelsOnMove).toBe(true);
    expect(lod.settings.labelRenderedSizeThreshold).toBeGreaterThan(levelOfDetail(10_000, 30_000, TYPES).settings.labelRenderedSizeThreshold);
    expect(lod.settings.points).toBe(true);
    expect(lod.settings.nodeScale).toBeLessThan(1);
    expect(levelOfDetail(60, 100, TYPES, 50).on).toBe(true); // ?lod=50
  });
});

describe('edgeLook', () => {
  const rest = { hovered: null, selected: null, showAllEdges: false, onlyThread: null };

  it('at the level of detail draws no edge at rest, the hovered and selected nodes’ edges, a lone thread’s edges', () => {
    expect(edgeLook(rest, true, 'a', 'b')).toBe('hidden');
    expect(edgeLook({ ...rest, hovered: 'a' }, true, 'a', 'b')).toBe('focus');
    expect(edgeLook({ ...rest, hovered: 'a' }, true, 'c', 'b')).toBe('hidden');
    expect(edgeLook({ ...rest, selected: 'b', hovered: 'a' }, true, 'c', 'b')).toBe('focus');
    expect(edgeLook({ ...rest, selected: 'b' }, true, 'c', 'd')).toBe('hidden');
    expect(edgeLook({ ...rest, onlyThread: 3 }, true, 'c', 'd')).toBe('normal');
    expect(edgeLook({ ...rest, showAllEdges: true }, true, 'c', 'd')).toBe('normal');
  });

  it('without it draws every edge, and only the focused node’s while one is hovered or selected', () => {
    const all = { ...rest, showAllEdges: true };
    expect(edgeLook(all, false, 'a', 'b')).toBe('normal');
    expect(edgeLook({ ...all, hovered: 'a' }, false, 'a', 'b')).toBe('focus');
    expect(edgeLook({ ...all, hovered: 'a', selected: 'c' }, false, 'c', 'd')).toBe('hidden');
    expect(edgeLook({ ...all, selected: 'c' }, false, 'c', 'd')).toBe('focus');
    expect(edgeLook(rest, false, 'a', 'b')).toBe('hidden'); // "show all edges" unticked
  });
});

describe('thread colours', () => {
  it('are hex beyond the palette (sigma draws hsl() strings black)', () => {
    for (let t = 0; t < 200; t++) expect(threadColor(t)).toMatch(/^#[0-9a-f]{6}$/);
    expect(threadColor(3)).toBe(THREAD_PALETTE[3]);
    expect(new Set(Array.from({ length: 100 }, (_, t) => threadColor(t))).size).toBe(100);
    expect(hslToHex(0, 1, 0.5)).toBe('#ff0000');
    expect(hslToHex(120, 1, 0.25)).toBe('#008000');
    expect(hslToHex(240, 0.5, 0.5)).toBe('#4040bf');
  });
});
