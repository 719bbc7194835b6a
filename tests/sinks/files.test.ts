/**
 * The file exports: neo4j-admin CSV (headers, typing, quoting, array delimiter), GEXF and GraphML
 * (read back with graphology-gexf / graphology-graphml's parsers, XML well-formedness checked with
 * fast-xml-parser), on the seed graph and on a hostile hand-made one; and `litgraph export` for
 * these formats through the CLI entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { XMLValidator } from 'fast-xml-parser';
import { exportToCsv, csvField } from '../../src/sinks/csv.js';
import { exportToGexf } from '../../src/sinks/gexf.js';
import { exportToGraphml } from '../../src/sinks/graphml.js';
import { NODE_LABELS, RELATIONSHIP_TYPES } from '../../src/sinks/properties.js';
import { writeBuildOutputs } from '../../src/sinks/json.js';
import { main } from '../../src/cli/main.js';
import type { LitGraph } from '../../src/graph/build.js';
import type { EdgeType, NodeType } from '../../src/types.js';
import { buildSamples } from '../helpers/seeds.js';
import { captureIO } from '../helpers/capture-io.js';
import { CSV_HOSTILE_ABSTRACT, hostileGraph, INJECTION_TITLE, LABEL_LIKE_NAME, typeCounts } from './hostile-graph.js';

/** RFC 4180 parsing: what neo4j-admin's reader does with our quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

let tmp: string;
let seeds: LitGraph;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-files-'));
  seeds = buildSamples().graph;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('csv (neo4j-admin import files)', () => {
  it('quotes fields only where needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('')).toBe('""');
  });

  it('writes one nodes file per label and one relationships file per type, counts matching the graph', () => {
    const dir = join(tmp, 'csv-seeds');
    const summary = exportToCsv(seeds, dir);
    const counts = typeCounts(seeds);
    for (const [type, n] of Object.entries(counts.nodes)) {
      const label = NODE_LABELS[type as NodeType];
      expect(readCsv(join(dir, `nodes-${label}.csv`)), label).toHaveLength(n);
    }
    for (const [type, n] of Object.entries(counts.edges)) {
      const rel = RELATIONSHIP_TYPES[type as EdgeType];
      const rows = readCsv(join(dir, `relationships-${rel}.csv`));
      expect(rows, rel).toHaveLength(n);
      expect(new Set(rows.map((r) => r[':TYPE']))).toEqual(new Set([rel]));
    }
    expect(summary.nodeCount).toBe(seeds.order);
    expect(summary.relationshipCount).toBe(seeds.size);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const header = readFileSync(join(dir, 'nodes-Paper.csv'), 'utf8').split('\n')[0];
    expect(header).toMatch(/^id:ID,label,/);
    expect(header).toMatch(/,:LABEL$/);
    expect(header).toContain('year:long');
    expect(header).toContain('authors:string[]');
    expect(readFileSync(join(dir, 'relationships-AUTHORED.csv'), 'utf8').split('\n')[0]).toMatch(/^:START_ID,:END_ID,:TYPE,key,/);
    expect(readFileSync(join(dir, 'constraints.cypher'), 'utf8')).toContain('CREATE CONSTRAINT litgraph_paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;');
    expect(summary.command).toMatch(/^neo4j-admin database import full neo4j .*--multiline-fields=true .*--nodes=nodes-Paper\.csv .*--relationships=relationships-AUTHORED\.csv/);
  });

  it('keeps hostile text intact, types properties, joins arrays and drops nulls', () => {
    const dir = join(tmp, 'csv-hostile');
    const summary = exportToCsv(hostileGraph(), dir);
    // "O'Brien; Jr." contains the default delimiter: another one is chosen and put in the command.
    expect(summary.arrayDelimiter).toBe('|');
    expect(summary.command).toContain("'--array-delimiter=|'");
    const papers = readCsv(join(dir, 'nodes-Paper.csv'));
    const inject = papers.find((p) => p['id:ID'] === 'paper:h:inject')!;
    expect(inject.title).toBe(INJECTION_TITLE);
    expect(inject.abstract).toBe(CSV_HOSTILE_ABSTRACT);
    expect(inject['year:long']).toBe('2024');
    expect(inject['authors:string[]']).toBe("Ada Lovelace|O'Brien; Jr.");
    expect(inject['x:double']).toBe('1.5');
    expect(inject.venue).toBeUndefined(); // null everywhere: no column at all
    expect(inject[':LABEL']).toBe('Paper');
    const cypher = papers.find((p) => p['id:ID'] === 'paper:h:cypher')!;
    expect(JSON.parse(cypher.meta)).toEqual({ nested: { deep: [1, 2] } });
    expect(JSON.parse(cypher.conflicts)).toEqual([{ field: 'title', values: ['a', 'b'] }]);
    expect(cypher['scores:double[]']).toBe('0.5|1');
    const xml = papers.find((p) => p['id:ID'] === 'paper:h:xml')!;
    expect(xml['year:long']).toBe('');
    expect(xml['flags:boolean[]']).toBe('true|false');
    const methods = readCsv(join(dir, 'nodes-Method.csv'));
    expect(methods[0]['id:ID']).toBe(`method:${LABEL_LIKE_NAME}`);
    expect(methods[0].label).toBe(LABEL_LIKE_NAME);
    const reports = readCsv(join(dir, 'relationships-REPORTS.csv'));
    expect(reports.map((r) => r.value).sort()).toEqual(['88', '93.1']); // mixed number/string → string
    expect(readCsv(join(dir, 'relationships-SIMILAR_TO.csv'))[0]['weight:double']).toBe('0.42');
  });

  it('leaves out node and edge types outside the whitelist', () => {
    const g = hostileGraph();
    g.addNode('weird:1', { type: 'weird' as NodeType, label: 'not exported' });
    g.addEdgeWithKey('x', 'weird:1', 'paper:h:inject', { type: 'cites', provenance: 'extracted' });
    const summary = exportToCsv(g, join(tmp, 'csv-weird'));
    expect(summary.skipped).toEqual({ nodes: 1, relationships: 1 });
    expect(summary.nodeCount).toBe(g.order - 1);
  });
});

describe('gexf', () => {
  it('reads back with graphology-gexf: same nodes, edges, types, threads and layout', () => {
    const file = join(tmp, 'seeds.gexf');
    exportToGexf(seeds, file);
    const text = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const back = parseGexf(MultiDirectedGraph, text);
    expect(back.order).toBe(seeds.order);
    expect(back.size).toBe(seeds.size);
    expect(typeCounts(back as LitGraph)).toEqual(typeCounts(seeds));
    const paper = seeds.findNode((_k, a) => a.type === 'paper' && seeds.outEdges(_k).some((e) => seeds.getEdgeAttribute(e, 'type') === 'in_thread'))!;
    const attrs = back.getNodeAttributes(paper);
    expect(attrs.label).toBe(seeds.getNodeAttribute(paper, 'label'));
    expect(attrs.thread).toMatch(/^thread:/);
    expect(typeof attrs.threadLabel).toBe('string');
    if (typeof seeds.getNodeAttribute(paper, 'x') === 'number') {
      expect(attrs.x).toBeCloseTo(seeds.getNodeAttribute(paper, 'x') as number, 5);
      expect(attrs.y).toBeCloseTo(seeds.getNodeAttribute(paper, 'y') as number, 5);
    }
  });

  it('keeps hostile text, flattens arrays and objects, and writes parallel edges with their kind', () => {
    const file = join(tmp, 'hostile.gexf');
    const g = hostileGraph();
    exportToGexf(g, file);
    const text = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('kind="cites"');
    const back = parseGexf(MultiDirectedGraph, text);
    expect(back.order).toBe(g.order);
    expect(back.size).toBe(g.size);
    expect(back.getNodeAttribute('paper:h:inject', 'title')).toBe(INJECTION_TITLE);
    expect(back.getNodeAttribute('paper:h:inject', 'label')).toBe(INJECTION_TITLE);
    expect(back.getNodeAttribute('paper:h:inject', 'authors')).toBe("Ada Lovelace; O'Brien; Jr.");
    expect(back.getNodeAttribute('paper:h:inject', 'thread')).toBe('thread:0');
    expect(back.getNodeAttribute('paper:h:cypher', 'meta')).toBe('{"nested":{"deep":[1,2]}}');
    expect(back.getNodeAttribute('paper:h:xml', 'label')).toBe('XML <tags> & "entities"  control');
    expect(back.getNodeAttribute(`method:${LABEL_LIKE_NAME}`, 'label')).toBe(LABEL_LIKE_NAME);
  });
});

describe('graphml', () => {
  it('reads back with graphology-graphml: same nodes, edges, types, threads and layout', () => {
    const file = join(tmp, 'seeds.graphml');
    exportToGraphml(seeds, file);
    const text = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const back = parseGraphml(MultiDirectedGraph, text);
    expect(back.order).toBe(seeds.order);
    expect(back.size).toBe(seeds.size);
    expect(typeCounts(back as LitGraph)).toEqual(typeCounts(seeds));
    seeds.forEachNode((key, a) => {
      const b = back.getNodeAttributes(key);
      expect(b.label).toBe(a.label);
      if (typeof a.x === 'number') expect(b.x).toBe(a.x);
      if (typeof a.year === 'number') expect(b.year).toBe(a.year);
    });
    const threaded = back.filterNodes((_k, a) => typeof a.thread === 'string');
    expect(threaded.length).toBe(typeCounts(seeds).edges.in_thread ?? 0);
  });

  it('keeps hostile text exactly (bar XML-forbidden characters) with typed keys', () => {
    const file = join(tmp, 'hostile.graphml');
    const g = hostileGraph();
    exportToGraphml(g, file);
    const text = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('attr.name="year" attr.type="int"');
    expect(text).toContain('attr.name="weight" attr.type="double"');
    expect(text).toContain('attr.name="authorsTruncated" attr.type="boolean"');
    const back = parseGraphml(MultiDirectedGraph, text);
    expect(back.order).toBe(g.order);
    expect(back.size).toBe(g.size);
    expect(back.getNodeAttribute('paper:h:inject', 'abstract')).toBe(CSV_HOSTILE_ABSTRACT);
    expect(back.getNodeAttribute('paper:h:inject', 'title')).toBe(INJECTION_TITLE);
    expect(back.getNodeAttribute('paper:h:inject', 'year')).toBe(2024);
    expect(back.getNodeAttribute('paper:h:inject', 'authorsTruncated')).toBe(false);
    expect(back.getNodeAttribute('paper:h:cypher', 'label')).toBe("MATCH (n) DETACH DELETE n; CALL dbms.shutdown() // ' `Backtick`");
    expect(back.getNodeAttribute('paper:h:xml', 'label')).toBe('XML <tags> & "entities"  control');
    expect(back.getEdgeAttribute('similar_to:paper:h:cypher->paper:h:inject', 'weight')).toBe(0.42);
    expect(back.getEdgeAttribute('cites:paper:h:cypher->paper:h:inject', 'type')).toBe('cites');
  });
});

describe('litgraph export csv|gexf|graphml', () => {
  let graphDir: string;
  beforeAll(async () => {
    graphDir = join(tmp, 'build');
    const result = buildSamples();
    await writeBuildOutputs(graphDir, result);
  });

  it('writes each format next to the graph by default and prints a summary', async () => {
    for (const [format, file] of [
      ['gexf', 'graph.gexf'],
      ['graphml', 'graph.graphml'],
    ] as const) {
      const io = captureIO();
      expect(await main(['export', format, '--graph', graphDir], io)).toBe(0);
      expect(io.out).toBe(`wrote ${join(graphDir, file)}: ${seeds.order} nodes, ${seeds.size} edges\n`);
      expect(XMLValidator.validate(readFileSync(join(graphDir, file), 'utf8'))).toBe(true);
    }
    const io = captureIO();
    expect(await main(['export', 'csv', '--graph', graphDir, '-o', join(tmp, 'cli-csv'), '--json'], io)).toBe(0);
    const summary = JSON.parse(io.out);
    expect(summary.format).toBe('csv');
    expect(summary.nodeCount).toBe(seeds.order);
    expect(readdirSync(join(tmp, 'cli-csv'))).toContain('import.sh');
  });

  it('exits 2 on usage errors and 1 when there is no graph', async () => {
    const cases: [string[], number, RegExp][] = [
      [['export'], 2, /needs a format/],
      [['export', 'pdf'], 2, /unknown export format "pdf"/],
      [['export', 'gexf', '--wipe'], 2, /--wipe applies to `export neo4j` only/],
      [['export', 'neo4j', '--batch-size', '0'], 2, /--batch-size expects a positive integer/],
      [['export', 'neo4j', '--uri', 'http://localhost:7474'], 2, /--uri expects a bolt/],
      [['export', 'gexf', '--graph', join(tmp, 'nowhere')], 1, /no graph\.json here/],
    ];
    for (const [argv, code, message] of cases) {
      const io = captureIO();
      expect(await main(argv, io), argv.join(' ')).toBe(code);
      expect(io.err).toMatch(message);
    }
  });
});
