/**
 * The viewer's data without a browser: the precomputed layout (deterministic, capped), the
 * site data file (columnar, consistent, compact), the view server's path checks and the
 * `litgraph view` command's usage errors.
 */
import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../../src/graph/layout.js';
import { buildSiteFiles, DATA_GLOBAL, DETAILS_GLOBAL, type NodeDetails, type SiteData } from '../../src/sinks/site.js';
import { contentType, sitePath, CONTENT_SECURITY_POLICY } from '../../src/cli/serve.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { syntheticGraph } from '../helpers/viewer.js';

const positions = (g: ReturnType<typeof syntheticGraph>) => g.mapNodes((k, a) => `${k}:${a.x},${a.y}`).join('|');

function readGlobal<T>(js: string, name: string): T {
  const target: Record<string, unknown> = {};
  new Function('window', js)(target); // our own generated file, in a test
  return target[name] as T;
}

describe('buildSiteFiles', () => {
  const graph = syntheticGraph(120, { threads: 3 });
  layoutGraph(graph, { seed: 42 });
  const site = buildSiteFiles({ graph }, { shardSize: 50 });
  const data = readGlobal<SiteData>(site.files.get('data/graph.js')!, DATA_GLOBAL);

  it('writes a columnar node table with one entry per node in every column', () => {
    expect(data.schema).toBe(1);
    const n = graph.order;
    for (const column of Object.values(data.nodes)) expect(column).toHaveLength(n);
    expect(data.nodes.key).toEqual(graph.nodes());
    expect(data.edges.length % 3).toBe(0);
    for (let j = 0; j < data.edges.length; j += 3) {
      expect(data.edges[j]).toBeLessThan(n);
      expect(data.edges[j + 1]).toBeLessThan(n);
      expect(data.edgeTypes[data.edges[j + 2]]).toBeDefined();
    }
    const i = data.nodes.key.indexOf('paper:h:00001');
    expect(data.nodes.x[i]).toBe(graph.getNodeAttribute('paper:h:00001', 'x'));
    expect(data.threads.map((t) => t.id)).toEqual(['thread:0', 'thread:1', 'thread:2']);
    expect(data.threads[data.nodes.thread[i]].id).toBe('thread:1');
    expect(data.nodes.year[i]).toBe(2016);
    expect(data.nodes.pagerank.some((p) => p > 0)).toBe(true);
  });

  it('shards the details and precomputes related work with reasons', () => {
    expect(data.shards).toBe(Math.ceil(graph.order / 50));
    const i = data.nodes.key.indexOf('paper:h:0000a');
    const shard = readGlobal<Record<number, NodeDetails[]>>(site.files.get(`data/details/${Math.floor(i / 50)}.js`)!, DETAILS_GLOBAL)[Math.floor(i / 50)];
    const details = shard[i % 50];
    expect(details?.kind).toBe('paper');
    if (details?.kind !== 'paper') return;
    expect(details.abstract).toBe('Abstract of paper 10.');
    expect(details.related.length).toBeGreaterThan(0);
    for (const r of details.related) {
      expect(data.nodeTypes[data.nodes.type[r.node]]).toBe('paper');
      expect(r.reasons.length).toBeGreaterThan(0);
    }
    expect(details.related.flatMap((r) => r.reasons).join(' ')).toMatch(/cite|shared|thread/);
  });

  it('lays out a graph without positions on a copy, leaving the input untouched', () => {
    const bare = syntheticGraph(30);
    const out = buildSiteFiles({ graph: bare });
    expect(bare.getNodeAttribute('paper:h:00001', 'x')).toBeUndefined();
    expect(out.data.nodes.x.some((x) => x !== 0)).toBe(true);
  });
});

describe('the view server path checks', () => {
  it.each([
    ['/', 'index.html'],
    ['/index.html?x=1', 'index.html'],
    ['/assets/viewer-abc.js', 'assets/viewer-abc.js'],
    ['/data/details/3.js#frag', 'data/details/3.js'],
  ])('maps %s to %s', (target, path) => {
    expect(sitePath(target)).toEqual({ ok: true, path });
  });

  it.each(['/../x', '/a/../../x', '/%2e%2e/x', '/%2E%2e%2fx', '/..%5cx', '/a\\b', '/%00', '/%252e%252e/x', '//host/x', 'http://h/x', '/C:/x', '/%E0%A4%A', '', undefined])('refuses %s', (target) => {
    expect(sitePath(target).ok).toBe(false);
  });

  it('has content types and a CSP without inline scripts', () => {
    expect(contentType('a/b.js')).toBe('text/javascript; charset=utf-8');
    expect(contentType('index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('x.bin')).toBe('application/octet-stream');
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe/);
  });
});

describe('litgraph view usage', () => {
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false, env: {} };
    const code = await main(['view', ...args], io);
    return { code, out, err };
  };

  it('prints its help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/--port/);
  });

  it('rejects a bad port and stray arguments with exit code 2', async () => {
    expect((await run(['--port', 'abc'])).code).toBe(2);
    expect((await run(['--port', '70000'])).code).toBe(2);
    expect((await run(['stray'])).code).toBe(2);
  });

  it('explains a missing graph folder or an unbuilt viewer with exit code 1', async () => {
    const { code, err } = await run(['--graph', '/nonexistent/litgraph-out', '--port', '0', '--assets-dir', '/nonexistent/assets']);
    expect(code).toBe(1);
    expect(err).toMatch(/viewer is not built|run `litgraph build`/);
  });
});
