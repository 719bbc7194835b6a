/**
 * Viewer benchmark: time to first render and frame times while panning, in headless Chromium
 * (Debian's `chromium`, software WebGL), for the seed graph, a synthetic 10k-node graph and — when
 * ../shared/data and the ACL XML parser are there — the ACL Anthology corpus graph.
 *
 *   npx tsx bench/viewer.ts [--acl-out DIR] [--skip-acl] [--skip-synthetic] [--seed-only] [--screenshot docs/screenshot.png] [--extra NAME=DIR …]
 *
 * --extra adds any built graph folder (e.g. an AAN build) to the table; --acl-out reuses an existing `litgraph build` of the ACL XML (building it takes minutes);
 * --screenshot also writes a screenshot of the seed graph (the README's picture).
 * For a built graph folder it also times `litgraph view`'s start twice: the first computes the
 * data and caches it in the folder, the second reuses the cache.
 * Prints a Markdown table for BENCHMARKS.md.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from '../src/cli/commands/build.js';
import { fileTable, serveFiles } from '../src/cli/serve.js';
import { loadGraph, loadPapers, loadThreads } from '../src/sinks/json.js';
import { buildSiteFiles, listAssets, type SiteInput } from '../src/sinks/site.js';
import { SITE_CACHE_DIR } from '../src/sinks/site-cache.js';
import { view } from '../src/cli/commands/view.js';
import { layoutGraph } from '../src/graph/layout.js';
import { launchChromium } from '../tests/helpers/chromium.js';
import { buildViewerAssets, syntheticGraph } from '../tests/helpers/viewer.js';
import { DATA_DIR, dataAvailable } from './corpus.js';
import { machine, median, percentile, table } from './measure.js';

interface Row {
  graph: string;
  nodes: number;
  edges: number;
  drawn: string;
  dataMiB: number;
  siteSeconds: number;
  /** `litgraph view` start without and with the cache (seconds), for built folders. */
  viewColdSeconds: number | null;
  viewCachedSeconds: number | null;
  firstRenderMs: number;
  /** ms from navigation: app start (data parsed), graph imported, renderer ready. */
  stages: string;
  frames: number;
  fps: number;
  medianFrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** At the level of detail: ms from moving onto a paper to the hover being drawn (median of up to 10), and to show all edges. */
  hoverMs: number | null;
  showAllEdgesMs: number | null;
  allEdges: number | null;
}

type BenchHook = { lod: boolean; hovered: string | null; showAllEdges: boolean; visibleEdges: number; loadedEdges: number; position(k: string): { x: number; y: number } | null };

/** Hover latency over papers on screen, then the time "show all edges" takes (level of detail only). */
async function interact(page: import('playwright-core').Page, box: { x: number; y: number; width: number; height: number }) {
  const keys = await page.evaluate(() => {
    const data = (window as unknown as { __LITGRAPH_DATA__: { nodes: { key: string[]; type: number[] }; nodeTypes: string[] } }).__LITGRAPH_DATA__;
    return data.nodes.key.filter((_, i) => data.nodeTypes[data.nodes.type[i]] === 'paper').slice(0, 400);
  });
  const latencies: number[] = [];
  for (const key of keys) {
    if (latencies.length >= 10) break;
    const p = await page.evaluate((k) => (window as unknown as { __litgraph: BenchHook }).__litgraph.position(k), key);
    if (!p || p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height) continue;
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.waitForFunction(() => (window as unknown as { __litgraph: BenchHook }).__litgraph.hovered === null);
    const t = performance.now();
    await page.mouse.move(box.x + p.x, box.y + p.y);
    const hit = await page.waitForFunction(() => (window as unknown as { __litgraph: BenchHook }).__litgraph.hovered !== null, null, { timeout: 5000 }).then(() => true, () => false);
    if (hit) latencies.push(performance.now() - t);
  }
  await page.mouse.move(box.x + 2, box.y + 2);
  const t = performance.now();
  await page.check('#show-edges');
  await page.waitForFunction(() => (window as unknown as { __litgraph: BenchHook }).__litgraph.showAllEdges, null, { timeout: 300_000 });
  const showAllEdgesMs = performance.now() - t;
  const allEdges = await page.evaluate(() => (window as unknown as { __litgraph: BenchHook }).__litgraph.loadedEdges);
  return { hoverMs: latencies.length ? median(latencies) : null, showAllEdgesMs, allEdges };
}

const { values } = parseArgs({ options: { 'acl-out': { type: 'string' }, 'skip-acl': { type: 'boolean' }, screenshot: { type: 'string' }, 'seed-only': { type: 'boolean' }, 'skip-synthetic': { type: 'boolean' }, extra: { type: 'string', multiple: true } } });

const tmp = mkdtempSync(join(tmpdir(), 'litgraph-bench-viewer-'));
const assets = await buildViewerAssets();
const chrome = await launchChromium({ width: 1400, height: 900 });

/** Times `litgraph view` on a built folder: a start without its cache, then one with it. */
async function viewStarts(dir: string): Promise<{ cold: number; cached: number }> {
  rmSync(join(dir, SITE_CACHE_DIR), { recursive: true, force: true });
  const times: number[] = [];
  for (const expected of ['built', 'reused']) {
    const t = performance.now();
    const server = await view({ graphDir: dir, port: 0, host: '127.0.0.1', assetsDir: assets });
    times.push((performance.now() - t) / 1000);
    await server.close();
    if (server.data.state !== expected) throw new Error(`view on ${dir}: expected the data ${expected}, got ${server.data.state}${server.data.cacheError ? ` (${server.data.cacheError})` : ''}`);
  }
  return { cold: times[0], cached: times[1] };
}

async function measure(name: string, input: SiteInput, screenshot?: string, dir?: string): Promise<Row> {
  const starts = dir ? await viewStarts(dir) : null;
  const t0 = performance.now();
  const site = buildSiteFiles(input);
  const siteSeconds = (performance.now() - t0) / 1000;
  const dataBytes = Buffer.byteLength(site.files.get('data/graph.js')!);
  const server = await serveFiles(fileTable(listAssets(assets), site.files), { port: 0 });
  const page = await chrome.context.newPage();
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as { __litgraph?: { timings: { firstRender: number | null } } }).__litgraph?.timings.firstRender != null, null, { timeout: 300_000 });
    const hook = await page.evaluate(() => {
      const h = (window as unknown as { __litgraph: { timings: { start: number; graph: number; renderer: number; firstRender: number }; loadedNodes: number; visibleNodes: number; visibleEdges: number } }).__litgraph;
      return { firstRender: h.timings.firstRender, timings: h.timings, loaded: h.loadedNodes, visible: h.visibleNodes, edges: h.visibleEdges };
    });
    if (screenshot) await page.screenshot({ path: screenshot });
    // Pan: drag the stage back and forth, then read how long each render took and how many there were.
    const box = (await page.locator('#sigma-container').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const rendersBefore = await page.evaluate(() => (window as unknown as { __litgraph: { renderTimes: number[] } }).__litgraph.renderTimes.length);
    const panStart = performance.now();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let k = 0; k < 3; k++) {
      await page.mouse.move(cx + 250, cy + 120, { steps: 25 });
      await page.mouse.move(cx - 250, cy - 120, { steps: 25 });
    }
    await page.mouse.up();
    const panSeconds = (performance.now() - panStart) / 1000;
    const frames = await page.evaluate((n) => (window as unknown as { __litgraph: { renderTimes: number[] } }).__litgraph.renderTimes.slice(n), rendersBefore);
    const lod = await page.evaluate(() => (window as unknown as { __litgraph: BenchHook }).__litgraph.lod);
    const interaction = lod ? await interact(page, box) : null;
    return {
      graph: name,
      nodes: site.data.nodes.key.length,
      edges: site.data.edges.length / 3,
      drawn: `${hook.visible.toLocaleString('en')} / ${hook.edges.toLocaleString('en')}`,
      dataMiB: dataBytes / 2 ** 20,
      siteSeconds,
      viewColdSeconds: starts?.cold ?? null,
      viewCachedSeconds: starts?.cached ?? null,
      firstRenderMs: hook.firstRender,
      stages: [hook.timings.start, hook.timings.graph, hook.timings.renderer].map((v) => Math.round(v)).join(' / '),
      frames: frames.length,
      fps: frames.length / panSeconds,
      medianFrameMs: median(frames),
      p95FrameMs: percentile(frames, 95),
      maxFrameMs: Math.max(...frames),
      hoverMs: interaction?.hoverMs ?? null,
      showAllEdgesMs: interaction?.showAllEdgesMs ?? null,
      allEdges: interaction?.allEdges ?? null,
    };
  } finally {
    await page.close();
    await server.close();
  }
}

class SeedOnly extends Error {}
const rows: Row[] = [];
try {
  // 1. The seed graph, built by the real pipeline.
  const seedDir = join(tmp, 'seed');
  await build({ inputs: [join(import.meta.dirname, '..', 'graph-data', 'samples')], outDir: seedDir, strict: false, seed: 42, resolution: 1 });
  if (!process.env.SKIP_SEED) rows.push(await measure('seed listings', { graph: loadGraph(seedDir), papers: loadPapers(seedDir), threads: loadThreads(seedDir) }, values.screenshot, seedDir));

  if (values['seed-only']) throw new SeedOnly();

  // 2. A synthetic graph of about 10k nodes (papers, authors, methods, datasets, 20 threads).
  if (!values['skip-synthetic']) {
    const synthetic = syntheticGraph(5800, { threads: 20 });
    const t0 = performance.now();
    const stats = layoutGraph(synthetic, { seed: 42 });
    console.error(`synthetic: ${synthetic.order} nodes laid out in ${((performance.now() - t0) / 1000).toFixed(1)} s (${stats.iterations} FA2 iterations)`);
    rows.push(await measure('synthetic 10k', { graph: synthetic }));
  }

  // Any other built graphs named on the command line.
  for (const extra of values.extra ?? []) {
    const [name, dir] = extra.includes('=') ? [extra.slice(0, extra.indexOf('=')), extra.slice(extra.indexOf('=') + 1)] : [extra, extra];
    rows.push(await measure(name, { graph: loadGraph(dir), papers: loadPapers(dir), threads: loadThreads(dir) }, undefined, dir));
  }

  // 3. The ACL Anthology corpus graph.
  const aclParser = existsSync(join(import.meta.dirname, '..', 'src', 'ingest', 'acl-xml.ts'));
  const aclInput = join(DATA_DIR, 'acl-anthology-xml');
  if (values['skip-acl']) console.error('ACL corpus: skipped (--skip-acl)');
  else if (!dataAvailable() || !existsSync(aclInput) || !aclParser) console.error(`ACL corpus: skipped (${!aclParser ? 'no src/ingest/acl-xml.ts' : `${aclInput} is absent`})`);
  else {
    let aclDir = values['acl-out'];
    if (!aclDir) {
      aclDir = join(tmp, 'acl');
      const t1 = performance.now();
      await build({ inputs: [aclInput], outDir: aclDir, strict: false, seed: 42, resolution: 1 });
      console.error(`ACL corpus built in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
    }
    rows.push(await measure('ACL Anthology', { graph: loadGraph(aclDir), papers: loadPapers(aclDir), threads: loadThreads(aclDir) }, undefined, aclDir));
  }
} catch (error) {
  if (!(error instanceof SeedOnly)) throw error;
} finally {
  await chrome.close();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(assets, { recursive: true, force: true });
}

const f = (v: number, d = 0) => v.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
console.log(`Viewer in headless Chromium (software WebGL, 1400×900), ${machine()}, load average ${loadavg()[0].toFixed(1)} at the end\n`);
console.log(
  table(
    ['graph', 'nodes', 'edges', 'drawn nodes / edges', 'data/graph.js', 'site build', 'view start / cached', 'first render', 'data / graph / renderer at', 'frames while panning', 'frames/s', 'median frame', 'p95 frame', 'worst frame', 'hover drawn', 'show all edges'],
    rows.map((r) => [
      r.graph,
      f(r.nodes),
      f(r.edges),
      r.drawn,
      `${f(r.dataMiB, 1)} MiB`,
      `${f(r.siteSeconds, 1)} s`,
      r.viewColdSeconds === null ? '–' : `${f(r.viewColdSeconds, 1)} s / ${f(r.viewCachedSeconds ?? 0, 1)} s`,
      `${f(r.firstRenderMs)} ms`,
      `${r.stages} ms`,
      r.frames,
      f(r.fps, 1),
      `${f(r.medianFrameMs, 1)} ms`,
      `${f(r.p95FrameMs, 1)} ms`,
      `${f(r.maxFrameMs)} ms`,
      r.hoverMs === null ? '–' : `${f(r.hoverMs)} ms`,
      r.showAllEdgesMs === null ? '–' : `${f(r.showAllEdgesMs / 1000, 1)} s (${f(r.allEdges ?? 0)})`,
    ]),
  ),
);
