/**
 * The viewer end to end in a real headless Chromium (Debian's `chromium`, playwright-core): the
 * real `litgraph view` server on a free 127.0.0.1 port over the seed graph, a synthetic graph
 * with threads and hostile text, and the static site opened from file://.
 * Screenshots go to a temporary folder, never into the repository.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { build } from '../../src/cli/commands/build.js';
import { view } from '../../src/cli/commands/view.js';
import { fileTable, serveFiles, type RunningServer } from '../../src/cli/serve.js';
import { buildSiteFiles, listAssets, writeSite } from '../../src/sinks/site.js';
import { loadGraph } from '../../src/sinks/json.js';
import { SITE_CACHE_DIR } from '../../src/sinks/site-cache.js';
import type { Paper } from '../../src/types.js';
import { countForeground, launchChromium, type LaunchedBrowser } from '../helpers/chromium.js';
import { buildViewerAssets, syntheticGraph } from '../helpers/viewer.js';

interface Hook {
  ready: boolean;
  totalNodes: number;
  loadedNodes: number;
  loadedEdges: number;
  lod: boolean;
  showAllEdges: boolean;
  drawnEdges: number;
  visibleNodes: number;
  visibleEdges: number;
  selected: string | null;
  hovered: string | null;
  onlyThread: string | null;
  types: string[];
  renders: number;
}

const tmp = mkdtempSync(join(tmpdir(), 'litgraph-viewer-test-'));
let assets: string;
let chrome: LaunchedBrowser;
let seedServer: RunningServer;
let hostileServer: RunningServer;
const hostilePapers: Paper[] = [];
/** CSP violations and page errors seen by any page: the app itself must cause none. */
const problems: string[] = [];

async function open(url: string): Promise<Page> {
  const page = await chrome.context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror ${url}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console ${url}: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __litgraph?: Hook }).__litgraph?.ready === true, null, { timeout: 30_000 });
  return page;
}

const hook = (page: Page) =>
  page.evaluate(() => {
    const h = (window as unknown as { __litgraph: Hook }).__litgraph;
    return { ...h, drawnEdges: h.drawnEdges }; // getters on a frozen object: spread copies their values
  });

/** Moves the mouse onto a node where the viewer draws it; false if it is not on screen. */
async function hoverNode(page: Page, key: string): Promise<boolean> {
  const pos = await page.evaluate((k) => (window as unknown as { __litgraph: { position(k: string): { x: number; y: number } | null } }).__litgraph.position(k), key);
  const box = (await page.locator('#sigma-container').boundingBox())!;
  if (!pos || pos.x < 0 || pos.y < 0 || pos.x > box.width || pos.y > box.height) return false;
  await page.mouse.move(box.x + pos.x, box.y + pos.y);
  return true;
}

async function canvasForeground(page: Page, name: string) {
  const png = await page.locator('#sigma-container').screenshot({ path: join(tmp, `${name}.png`) });
  return countForeground(png);
}

async function searchAndPick(page: Page, text: string) {
  await page.fill('#search-input', text);
  await page.waitForSelector('#search-results li[role=option]');
  await page.press('#search-input', 'Enter');
}

const XSS = {
  title: '<script>window.__pwned = "title"</script>Hostile <b>title</b>',
  img: '<img src=x onerror="window.__pwned = \'img\'; alert(1)">',
  svg: '<svg onload="window.__pwned = \'svg\'">',
  js: 'javascript:window.__pwned="href";alert(1)',
};

beforeAll(async () => {
  assets = await buildViewerAssets();
  // The seed graph, built by the real pipeline.
  const seedDir = join(tmp, 'seed');
  await build({ inputs: [join(process.cwd(), 'graph-data/samples')], outDir: seedDir, strict: false, seed: 42, resolution: 1 });
  seedServer = await view({ graphDir: seedDir, port: 0, host: '127.0.0.1', assetsDir: assets });

  // A synthetic graph with threads, entities and hostile text everywhere the viewer shows text.
  const graph = syntheticGraph(60, { threads: 4 });
  graph.forEachNode((key, a) => {
    if (a.type !== 'paper') return;
    const n = Number.parseInt(key.slice('paper:h:'.length), 36);
    if (n % 3 === 0) {
      graph.mergeNodeAttributes(key, { label: `${XSS.title} ${n}`, title: `${XSS.title} ${n}`, abstract: `${XSS.img} ${XSS.svg} abstract ${n}`, authors: [XSS.img, 'Ada <b>Lovelace</b>'], doi: `10.1/"><script>window.__pwned="doi"</script>` });
      hostilePapers.push({ id: key, codeUrls: [XSS.js, 'https://github.com/ok/repo', 'data:text/html,<script>alert(1)</script>'] } as Paper);
    }
  });
  graph.addNode('method:evil', { type: 'method', label: XSS.img, aliases: [XSS.svg], url: XSS.js });
  graph.addEdge('paper:h:00000', 'method:evil', { type: 'proposes', provenance: 'extracted' });
  graph.addNode(`author:evil`, { type: 'author', label: `${XSS.title} author` });
  graph.addEdge('author:evil', 'paper:h:00000', { type: 'authored', provenance: 'extracted' });
  const site = buildSiteFiles({ graph, papers: hostilePapers });
  hostileServer = await serveFiles(fileTable(listAssets(assets), site.files), { port: 0 });

  chrome = await launchChromium();
}, 240_000);

afterAll(async () => {
  await chrome?.close();
  await seedServer?.close();
  await hostileServer?.close();
  rmSync(tmp, { recursive: true, force: true });
  if (assets) rmSync(assets, { recursive: true, force: true });
});

describe('the served viewer on the seed graph', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open(seedServer.url);
  });

  it('listens on 127.0.0.1 and prints a URL there', () => {
    expect(seedServer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((seedServer.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('draws the graph on the canvas (non-blank)', async () => {
    const h = await hook(page);
    expect(h.totalNodes).toBeGreaterThan(100);
    expect(h.visibleNodes).toBe(h.totalNodes);
    const { foreground, total, colours } = await canvasForeground(page, 'seed');
    expect(foreground).toBeGreaterThan(total * 0.005);
    expect(colours).toBeGreaterThan(3);
  });

  it('finds SEATER, centres on it and opens its panel', async () => {
    const before = await hook(page);
    await searchAndPick(page, 'SEATER');
    await page.waitForSelector('#panel:not([hidden]) .panel-title');
    expect(await page.textContent('#panel .panel-title')).toBe('SEATER');
    const h = await hook(page);
    expect(h.selected).toBe('paper:arxiv:2309.13375');
    // the abstract arrives from its detail shard, the arXiv link is https
    await page.waitForSelector('#panel .abstract');
    expect(await page.textContent('#panel .abstract')).toMatch(/generative retrieval/i);
    expect(await page.getAttribute('#panel .links a', 'href')).toBe('https://arxiv.org/abs/2309.13375');
    expect(h.renders).toBeGreaterThan(before.renders);
    // the camera animates to the node: wait until it sits in the middle of the graph area
    const box = (await page.locator('#sigma-container').boundingBox())!;
    await page.waitForFunction(
      ([w, hgt]) => {
        const p = (window as unknown as { __litgraph: { position(k: string): { x: number; y: number } | null } }).__litgraph.position('paper:arxiv:2309.13375');
        return p !== null && Math.abs(p.x - w / 2) < 40 && Math.abs(p.y - hgt / 2) < 40;
      },
      [box.width, box.height],
      { timeout: 15_000 },
    );
    await page.click('#panel-close');
    expect(await page.isHidden('#panel')).toBe(true);
  });

  it("shows a thread's typical methods, datasets and tasks in its panel, in threads.json's order", async () => {
    const threads = JSON.parse(readFileSync(join(tmp, 'seed', 'threads.json'), 'utf8')) as { id: string; label: string; topMethods: string[]; topDatasets: string[] }[];
    const thread = threads[0];
    const labelOf = new Map((JSON.parse(readFileSync(join(tmp, 'seed', 'graph.json'), 'utf8')) as { nodes: { key: string; attributes: { label: string } }[] }).nodes.map((n) => [n.key, n.attributes.label]));
    await searchAndPick(page, thread.label);
    await page.waitForSelector('#panel:not([hidden]) .panel-title');
    expect((await hook(page)).selected).toBe(thread.id);
    const section = (title: string) => page.locator('#panel .panel-section', { has: page.locator('h4', { hasText: title }) });
    expect(await section('Typical methods').locator('button.node-link').allTextContents()).toEqual(thread.topMethods.map((k) => labelOf.get(k)));
    expect(await section('Typical datasets').locator('button.node-link').allTextContents()).toEqual(thread.topDatasets.map((k) => labelOf.get(k)));
    // A typical method is a link to its own panel.
    await section('Typical methods').locator('button.node-link').first().click();
    await page.waitForFunction((key) => (window as unknown as { __litgraph: { selected: string | null } }).__litgraph.selected === key, thread.topMethods[0]);
    await page.click('#panel-close');
  });

  it('searches authors and arXiv ids', async () => {
    await page.fill('#search-input', '2309.13375');
    await page.waitForSelector('#search-results li[role=option]');
    expect(await page.textContent('#search-results li[role=option]')).toContain('SEATER');
    await page.fill('#search-input', 'fajie');
    await page.waitForSelector('#search-results li[role=option]');
    expect(await page.textContent('#search-results li[role=option]')).toContain('Fajie Yuan');
    await page.fill('#search-input', '');
  });

  it('keeps the hits of a search typed right after the box lost focus', async () => {
    // Leaving the box closes the list a moment later; typing again before then keeps it open.
    await page.fill('#search-input', 'seater');
    await page.$eval('#search-input', (e) => (e as HTMLInputElement).blur());
    await page.fill('#search-input', 'fajie');
    await page.waitForTimeout(300);
    expect(await page.isVisible('#search-results li[role=option]')).toBe(true);
    expect(await page.textContent('#search-results li[role=option]')).toContain('Fajie Yuan');
    // Leaving it for good closes the list.
    await page.$eval('#search-input', (e) => (e as HTMLInputElement).blur());
    await page.waitForSelector('#search-results', { state: 'hidden' });
    await page.fill('#search-input', '');
  });

  it('hiding a node type changes the visible count, showing it restores it', async () => {
    const before = await hook(page);
    await page.uncheck('#types input[data-type=author]');
    const hidden = await hook(page);
    expect(hidden.visibleNodes).toBeLessThan(before.visibleNodes);
    expect(hidden.types).not.toContain('author');
    await page.check('#types input[data-type=author]');
    expect((await hook(page)).visibleNodes).toBe(before.visibleNodes);
  });

  it('minimum degree and year range filter nodes', async () => {
    const before = await hook(page);
    await page.locator('#min-degree').fill('3');
    const byDegree = await hook(page);
    expect(byDegree.visibleNodes).toBeLessThan(before.visibleNodes);
    await page.locator('#min-degree').fill('0');
    await page.locator('#year-min').fill('2025');
    const byYear = await hook(page);
    expect(byYear.visibleNodes).toBeLessThan(before.visibleNodes);
    await page.click('#reset-filters');
    expect((await hook(page)).visibleNodes).toBe(before.visibleNodes);
  });

  it('hover highlights a node and its neighbourhood', async () => {
    // SEATER: the camera was centred on it by the search test, so it is on screen
    const key = 'paper:arxiv:2309.13375';
    const pos = await page.evaluate((k) => (window as unknown as { __litgraph: { position(k: string): { x: number; y: number } | null } }).__litgraph.position(k), key);
    expect(pos).not.toBeNull();
    const box = (await page.locator('#sigma-container').boundingBox())!;
    expect(pos!.x).toBeGreaterThan(0);
    expect(pos!.x).toBeLessThan(box.width);
    await page.mouse.move(box.x + pos!.x, box.y + pos!.y);
    await page.waitForFunction((k) => (window as unknown as { __litgraph: Hook }).__litgraph.hovered === k, key);
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.waitForFunction(() => (window as unknown as { __litgraph: Hook }).__litgraph.hovered === null);
  });

  it('switches size to PageRank and exports a PNG', async () => {
    const before = (await hook(page)).renders;
    await page.selectOption('#size-mode', 'pagerank');
    expect((await hook(page)).renders).toBeGreaterThan(before);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect(download.suggestedFilename()).toBe('litgraph.png');
    const path = join(tmp, 'export.png');
    await download.saveAs(path);
    const png = readFileSync(path);
    const { foreground, total } = countForeground(png);
    expect(foreground).toBeGreaterThan(total * 0.002);
  });
});

describe('threads, entities and hostile text (synthetic graph)', () => {
  let page: Page;
  const dialogs: string[] = [];
  beforeAll(async () => {
    page = await open(hostileServer.url);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  it('lists the threads in the legend; clicking one shows only that thread', async () => {
    const items = page.locator('#legend button.thread-only');
    expect(await items.count()).toBe(4);
    const all = await hook(page);
    await items.nth(1).click();
    const only = await hook(page);
    expect(only.onlyThread).toBe('thread:1');
    expect(only.visibleNodes).toBeLessThan(all.visibleNodes);
    expect(only.visibleNodes).toBeGreaterThan(15); // 15 papers + the thread node + their entities
    const { foreground } = await canvasForeground(page, 'thread');
    expect(foreground).toBeGreaterThan(0);
    await items.nth(1).click();
    expect((await hook(page)).visibleNodes).toBe(all.visibleNodes);
    // a legend checkbox hides one thread
    await page.locator('#legend input[type=checkbox]').first().uncheck();
    expect((await hook(page)).visibleNodes).toBeLessThan(all.visibleNodes);
    await page.locator('#legend input[type=checkbox]').first().check();
  });

  it('renders titles, abstracts, names and URLs carrying markup as inert text', async () => {
    await searchAndPick(page, 'Hostile');
    await page.waitForSelector('#panel .abstract');
    const title = await page.textContent('#panel .panel-title');
    expect(title).toContain('<script>');
    expect(await page.textContent('#panel .abstract')).toContain('<img src=x onerror=');
    expect(await page.textContent('#panel .authors')).toContain('<img src=x');
    // only http(s) links; the javascript: and data: code URLs are shown as text
    const hrefs = await page.$$eval('#panel a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
    expect(await page.textContent('#panel')).toContain('not a web link');
    // the hostile method entity and its panel
    await searchAndPick(page, '<img src=x');
    await page.waitForSelector('#panel .panel-title');
    expect(await page.$$eval('#panel a', (as) => as.length)).toBe(0); // its url is javascript:
    // every element the data could have produced is absent
    expect(await page.$$eval('#panel img, #panel script, #panel svg, #search-results img', (n) => n.length)).toBe(0);
    await page.fill('#search-input', '<script>');
    await page.waitForSelector('#search-results li[role=option]');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('level of detail: a large graph starts with papers and threads, entities load on demand', async () => {
    const lod = await open(`${hostileServer.url}?lod=50`);
    const start = await hook(lod);
    expect(start.types.sort()).toEqual(['paper', 'thread']);
    expect(start.loadedNodes).toBeLessThan(start.totalNodes);
    expect(await lod.textContent('#types')).toContain('not loaded');
    await lod.check('#types input[data-type=method]');
    const loaded = await hook(lod);
    expect(loaded.loadedNodes).toBeGreaterThan(start.loadedNodes);
    expect(loaded.visibleNodes).toBeGreaterThan(start.visibleNodes);
    // a search hit of an unloaded type loads it
    await searchAndPick(lod, 'Dataset');
    await lod.waitForSelector('#panel .panel-title');
    expect((await hook(lod)).types).toContain('dataset');
    await lod.close();
  });

  it('level of detail: no edges until a node is hovered; the toggle loads and shows them all', async () => {
    const lod = await open(`${hostileServer.url}?lod=50`);
    const start = await hook(lod);
    expect(start.lod).toBe(true);
    expect(start.showAllEdges).toBe(false);
    expect(start.loadedEdges).toBe(0);
    expect(start.visibleEdges).toBe(0);
    expect(await lod.isChecked('#show-edges')).toBe(false);
    expect(await lod.isVisible('#edges-hint')).toBe(true);
    // hovering a node loads its edges and draws them; leaving hides them again
    expect(await hoverNode(lod, 'paper:h:00005')).toBe(true);
    await lod.waitForFunction(() => (window as unknown as { __litgraph: Hook }).__litgraph.hovered !== null);
    const hovered = await hook(lod);
    expect(hovered.loadedEdges).toBeGreaterThan(0);
    expect(hovered.drawnEdges).toBe(hovered.loadedEdges); // all loaded edges are the hovered paper's
    await lod.mouse.move(5, 5);
    await lod.waitForFunction(() => (window as unknown as { __litgraph: Hook }).__litgraph.hovered === null);
    expect((await hook(lod)).drawnEdges).toBe(0);
    // "show all edges" loads every edge between loaded nodes (papers and threads here)
    await lod.check('#show-edges');
    const all = await hook(lod);
    expect(all.showAllEdges).toBe(true);
    expect(all.loadedEdges).toBeGreaterThan(hovered.loadedEdges);
    expect(all.visibleEdges).toBe(all.loadedEdges);
    expect(await lod.textContent('#edges-count')).toContain(`${all.loadedEdges} of`);
    await lod.uncheck('#show-edges');
    expect((await hook(lod)).visibleEdges).toBe(0);
    // a thread shown alone draws its own edges
    await lod.locator('#legend button.thread-only').nth(2).click();
    const thread = await hook(lod);
    expect(thread.onlyThread).toBe('thread:2');
    expect(thread.visibleEdges).toBeGreaterThanOrEqual(15); // at least each paper's in_thread edge
    await lod.close();
  });

  it('without the level of detail every edge is loaded and drawn', async () => {
    const h = await hook(page);
    expect(h.lod).toBe(false);
    expect(h.showAllEdges).toBe(true);
    expect(h.loadedEdges).toBeGreaterThan(60);
    expect(await page.isChecked('#show-edges')).toBe(true);
    expect(await page.isHidden('#edges-hint')).toBe(true);
  });

  it('the page raised no errors and no CSP violations', () => {
    expect(problems).toEqual([]);
  });
});

describe('node details load lazily', () => {
  it('no detail shard is fetched before a node is clicked; clicking one fetches its shard', async () => {
    const fetched: string[] = [];
    const page = await chrome.context.newPage();
    page.on('request', (r) => {
      if (r.url().includes('/data/')) fetched.push(new URL(r.url()).pathname);
    });
    await page.goto(seedServer.url);
    await page.waitForFunction(() => (window as unknown as { __litgraph?: Hook }).__litgraph?.ready === true);
    expect(fetched).toEqual(['/data/graph.js']);
    // click the node drawn where SEATER is (SEATER, or one drawn over it)
    expect(await hoverNode(page, 'paper:arxiv:2309.13375')).toBe(true);
    await page.waitForFunction(() => (window as unknown as { __litgraph: Hook }).__litgraph.hovered !== null);
    const key = (await hook(page)).hovered;
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForSelector('#panel:not([hidden]) .panel-title');
    expect((await hook(page)).selected).toBe(key);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/data/details/')));
    const shards = fetched.filter((p) => p.startsWith('/data/details/'));
    expect(shards).toHaveLength(1);
    expect(shards[0]).toMatch(/^\/data\/details\/\d+\.js$/);
    await page.close();
  });
});

describe('litgraph view caches the viewer data beside the build', () => {
  const get = async (url: string) => (await fetch(url)).text();

  it('computes and caches on the first start, reuses the cache on the next, recomputes when graph.json changes', async () => {
    const dir = join(tmp, 'cache-build');
    await build({ inputs: [join(process.cwd(), 'graph-data/samples')], outDir: dir, strict: false, seed: 42, resolution: 1 });
    const first = await view({ graphDir: dir, port: 0, host: '127.0.0.1', assetsDir: assets });
    const firstData = await get(`${first.url}data/graph.js`);
    await first.close();
    expect(first.data.state).toBe('built');
    expect(first.data.cacheError).toBeUndefined();
    expect(existsSync(join(dir, SITE_CACHE_DIR, 'manifest.json'))).toBe(true);
    expect(readFileSync(join(dir, SITE_CACHE_DIR, 'data', 'graph.js'), 'utf8')).toBe(firstData);

    const second = await view({ graphDir: dir, port: 0, host: '127.0.0.1', assetsDir: assets });
    const secondData = await get(`${second.url}data/graph.js`);
    const shard = await fetch(`${second.url}data/details/0.js`);
    await second.close();
    expect(second.data.state).toBe('reused');
    expect(second.nodes).toBe(first.nodes);
    expect(secondData).toBe(firstData);
    expect(shard.status).toBe(200);

    // A new graph.json (as a rebuild writes it: a new file renamed into place) invalidates the cache.
    const graphPath = join(dir, 'graph.json');
    const renamed = readFileSync(graphPath, 'utf8').replace('"label":"SEATER"', '"label":"SEATER renamed"');
    expect(renamed).toContain('SEATER renamed');
    writeFileSync(`${graphPath}.new`, renamed);
    const { renameSync } = await import('node:fs');
    renameSync(`${graphPath}.new`, graphPath);
    const third = await view({ graphDir: dir, port: 0, host: '127.0.0.1', assetsDir: assets });
    const thirdData = await get(`${third.url}data/graph.js`);
    await third.close();
    expect(third.data.state).toBe('built');
    expect(thirdData).toContain('SEATER renamed');
    expect(readFileSync(join(dir, SITE_CACHE_DIR, 'data', 'graph.js'), 'utf8')).toBe(thirdData);
    const fourth = await view({ graphDir: dir, port: 0, host: '127.0.0.1', assetsDir: assets });
    await fourth.close();
    expect(fourth.data.state).toBe('reused');
  });

  it('recomputes over a damaged cache and leaves no temporary folders', async () => {
    const dir = join(tmp, 'cache-build');
    writeFileSync(join(dir, SITE_CACHE_DIR, 'manifest.json'), '{"schema": 1, "files": [');
    const again = await view({ graphDir: dir, port: 0, host: '127.0.0.1', assetsDir: assets });
    await again.close();
    expect(again.data.state).toBe('built');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).filter((n) => n.startsWith(SITE_CACHE_DIR))).toEqual([SITE_CACHE_DIR]);
  });
});

describe('the view server refuses anything outside its own files', () => {
  const request = async (path: string, method = 'GET') => {
    const { request: httpRequest } = await import('node:http');
    return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: seedServer.port, path, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });
  };

  it.each([
    '/../package.json',
    '/../../../../etc/passwd',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/assets/../../package.json',
    '/%252e%252e/package.json',
    '/..\\package.json',
    '/%5c..%5cpackage.json',
    '//etc/passwd',
    '/etc/passwd',
    '/work/main/package.json',
    '/C:/Windows/win.ini',
    '/package.json',
    '/index.html%00.js',
    'http://127.0.0.1/../package.json',
  ])('refuses %s', async (path) => {
    const res = await request(path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('"name"');
    expect(res.body).not.toContain('root:');
    expect(res.headers['content-security-policy']).toBeTruthy();
  });

  it('serves its files with content types and a CSP forbidding inline scripts', async () => {
    const index = await request('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(index.headers['content-security-policy']);
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc).toBeDefined();
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const data = await request('/data/graph.js');
    expect(data.status).toBe(200);
    expect(data.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(data.body.startsWith('window.__LITGRAPH_DATA__=')).toBe(true);
    const script = index.body.match(/src="\.\/(assets\/[^"]+\.js)"/)![1];
    expect((await request(`/${script}`)).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await request('/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await request('/', 'POST')).status).toBe(405);
    expect((await request('/', 'HEAD')).status).toBe(200);
  });
});

describe('the static site', () => {
  it('opens from file:// and works without a server', async () => {
    const siteDir = join(tmp, 'site');
    writeSite(siteDir, { graph: loadGraph(join(tmp, 'seed')) }, { assetsDir: assets });
    const page = await open(pathToFileURL(join(siteDir, 'index.html')).href);
    const { foreground, total } = await canvasForeground(page, 'site');
    expect(foreground).toBeGreaterThan(total * 0.005);
    await searchAndPick(page, 'SEATER');
    await page.waitForSelector('#panel .abstract'); // details shard loaded by <script src> from disk
    expect(await page.textContent('#panel .panel-title')).toBe('SEATER');
    expect(problems).toEqual([]);
    await page.close();
  });
});
