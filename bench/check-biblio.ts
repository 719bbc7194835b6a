/**
 * check-biblio — the bibliographic and citation corpora, every entry accounted for
 * ================================================================================
 *
 * Parses the real corpora in ../shared/data (never copied into the repo) with the format the
 * registry detects and prints, per corpus: files, detected formats, records, rejects grouped by
 * reason, references / citedBy / citation pairs, and the time taken (wall and CPU, since the
 * machine is shared). Where a plain text scan can count the entries independently of the
 * parsers (`<paper ` elements, `id = {` lines, `@type{` lines, pair lines) it checks
 * found == records + rejects. Then the cross-corpus figures issue 3 asks for: AAN ids that have
 * metadata, AAN nodes that match an ACL XML paper, and SPECTER's GROBID references that match
 * ACL XML papers by ACL id / DOI / title.
 *
 * Run: npx tsx bench/check-biblio.ts [DATA_DIR]   (default ../shared/data beside the clone).
 * Exits 0 when the data folder is absent (CI without data), 1 when an entry is unaccounted for.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from '../src/ingest/decode.js';
import { DETECT_CHARS } from '../src/ingest/format.js';
import { detectFormat } from '../src/ingest/index.js';
import { foldText } from '../src/graph/keys.js';
import type { CitationPair, PaperRecord, Reject } from '../src/types.js';

interface Corpus {
  name: string;
  /** Files under the data folder (relative), or a folder and a filter. */
  files: (dataDir: string) => string[];
  /** Independent count of entries in one file, when a text scan can make one. */
  count?: (text: string) => number;
}

const list = (dir: string, accept: (n: string) => boolean) => (dataDir: string) => {
  const d = join(dataDir, dir);
  return existsSync(d) ? readdirSync(d).filter(accept).sort().map((f) => join(d, f)) : [];
};

const countMatches = (re: RegExp) => (text: string) => (text.match(re) ?? []).length;

const CORPORA: Corpus[] = [
  { name: 'bibtex/d2l.bib', files: list('bibtex', (n) => n.endsWith('.bib')), count: countMatches(/^@(?!string|comment|preamble)[A-Za-z]+\s*[{(]/gim) },
  { name: 's2-api/*.json', files: list('s2-api', (n) => n.endsWith('.json')) },
  { name: 'grobid-tei-s2orc/tei (TEI)', files: list('grobid-tei-s2orc/tei', (n) => n.endsWith('.xml')) },
  { name: 'grobid-tei-s2orc/tei (doc2json)', files: list('grobid-tei-s2orc/tei', (n) => n.endsWith('.json')) },
  { name: 'grobid-tei-s2orc/s2orc_json', files: list('grobid-tei-s2orc/s2orc_json', (n) => n.endsWith('.json')) },
  { name: 'grobid-tei-s2orc/jats', files: list('grobid-tei-s2orc/jats', (n) => /\.n?xml$/.test(n)) },
  { name: 'unarxive', files: list('unarxive', (n) => n.endsWith('.jsonl')), count: countMatches(/^\s*\{/gm) },
  { name: 'acl-anthology-xml', files: list('acl-anthology-xml', (n) => n.endsWith('.xml')), count: countMatches(/<paper\s/g) },
  { name: 'aan/acl-metadata.txt', files: list('aan', (n) => n === 'acl-metadata.txt'), count: countMatches(/^id = \{/gm) },
  { name: 'aan/acl.txt', files: list('aan', (n) => n === 'acl.txt'), count: countMatches(/^.*\S.*$/gm) },
];

interface Outcome {
  records: PaperRecord[];
  rejects: Reject[];
  citations: CitationPair[];
  formats: Map<string, number>;
  found: number | null;
  wallMs: number;
  cpuMs: number;
}

function run(corpus: Corpus, dataDir: string): Outcome {
  const out: Outcome = { records: [], rejects: [], citations: [], formats: new Map(), found: corpus.count ? 0 : null, wallMs: 0, cpuMs: 0 };
  for (const file of corpus.files(dataDir)) {
    if (!statSync(file).isFile()) continue;
    const decoded = decode(readFileSync(file));
    if (!decoded.ok) {
      out.rejects.push({ line: 0, reason: decoded.reason });
      continue;
    }
    const text = decoded.text;
    if (corpus.count && out.found !== null) out.found += corpus.count(text);
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const format = detectFormat({ path: file, head: text.slice(0, DETECT_CHARS) });
    const name = format?.name ?? '(none)';
    out.formats.set(name, (out.formats.get(name) ?? 0) + 1);
    if (format) {
      const r = format.parse(text, file);
      for (const x of r.records) out.records.push(x);
      for (const x of r.rejects) out.rejects.push(x);
      for (const x of r.citations ?? []) out.citations.push(x);
    } else out.rejects.push({ line: 0, reason: `no format detected for ${basename(file)}` });
    const used = process.cpuUsage(cpu);
    out.cpuMs += (used.user + used.system) / 1000;
    out.wallMs += performance.now() - wall;
  }
  return out;
}

function groupReasons(rejects: Reject[]): [string, number][] {
  const m = new Map<string, number>();
  // Reasons that embed a value ("bib entry BIBREF3 of …") group by their shape.
  for (const r of rejects) {
    const key = r.reason.replace(/"[^"]*"/g, '"…"').replace(/\b(?:bib entry|reference|citation) \S+ of \S+/g, (s) => s.split(' ')[0] + ' … of …');
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return [...m].sort((a, b) => b[1] - a[1]);
}

const fmt = (n: number) => n.toLocaleString('en-US');

function main(): number {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const dataDir = resolve(process.argv[2] ?? join(here, '..', '..', 'shared', 'data'));
  if (!existsSync(dataDir)) {
    console.log(`../shared/data not found (looked in ${dataDir}): nothing to check.`);
    return 0;
  }
  let failed = false;
  const results = new Map<string, Outcome>();
  for (const corpus of CORPORA) {
    const o = run(corpus, dataDir);
    results.set(corpus.name, o);
    const files = corpus.files(dataDir).length;
    if (files === 0) {
      console.log(`\n## ${corpus.name}: not present`);
      continue;
    }
    const refs = o.records.reduce((a, r) => a + (r.references?.length ?? 0), 0);
    const citedBy = o.records.reduce((a, r) => a + (r.citedBy?.length ?? 0), 0);
    console.log(`\n## ${corpus.name}`);
    console.log(`files ${files}  formats ${[...o.formats].map(([k, v]) => `${k}×${v}`).join(', ')}`);
    console.log(`records ${fmt(o.records.length)}  rejected ${fmt(o.rejects.length)}  references ${fmt(refs)}  citedBy ${fmt(citedBy)}  citation pairs ${fmt(o.citations.length)}`);
    console.log(`time ${fmt(Math.round(o.wallMs))} ms wall, ${fmt(Math.round(o.cpuMs))} ms CPU`);
    for (const [reason, n] of groupReasons(o.rejects).slice(0, 8)) console.log(`  reject ×${fmt(n)}: ${reason}`);
    if (o.found !== null) {
      // Pair files yield citations, not records; entry-level rejects are one per entry.
      const accounted = o.records.length + o.citations.length + o.rejects.filter((r) => !/^(?:bib entry|reference|citation) /.test(r.reason)).length;
      const ok = accounted === o.found;
      if (!ok) failed = true;
      console.log(`entries found by text scan ${fmt(o.found)}; records + pairs + rejects ${fmt(accounted)} ${ok ? '✓' : '✗ MISMATCH'}`);
    }
  }

  console.log('\n## cross-corpus figures');
  const d2l = results.get('bibtex/d2l.bib');
  if (d2l && d2l.records.length > 0) {
    const dirty = (s: string) => /[{}\\]|<\/?[a-z]+>/.test(s);
    console.log(`d2l.bib: ${d2l.records.length} entries; titles with leftover braces/TeX/markup ${d2l.records.filter((r) => dirty(r.title ?? '')).length}; names with leftovers ${d2l.records.filter((r) => r.authors.some(dirty)).length}; with a DOI/arXiv id ${d2l.records.filter((r) => r.ids.doi || r.ids.arxiv).length}; author list cut short ("et al."/"others") ${d2l.records.filter((r) => r.authorsTruncated).length}`);
  }
  const s2 = results.get('s2-api/*.json');
  const paper = s2?.records.find((r) => basename(r.source.path) === 'Paper.json');
  if (paper) {
    const refs = paper.references ?? [];
    console.log(`s2-api Paper.json: 1 paper, ${refs.length} references (${refs.filter((r) => !r.ids.s2).length} without an S2 id, kept by title), ${paper.citedBy?.length ?? 0} citedBy → ${refs.length + (paper.citedBy?.length ?? 0)} cites edges`);
  }
  const meta = results.get('aan/acl-metadata.txt');
  const pairs = results.get('aan/acl.txt');
  const xml = results.get('acl-anthology-xml');
  if (pairs && pairs.citations.length > 0) {
    const pairIds = new Set<string>();
    for (const c of pairs.citations) {
      if (c.citing.acl) pairIds.add(c.citing.acl);
      if (c.cited.acl) pairIds.add(c.cited.acl);
    }
    const metaIds = new Set((meta?.records ?? []).map((r) => r.ids.acl as string));
    const xmlIds = new Set((xml?.records ?? []).map((r) => r.ids.acl as string));
    const withMeta = [...pairIds].filter((id) => metaIds.has(id)).length;
    console.log(`AAN: ${fmt(pairs.citations.length)} pairs among ${fmt(pairIds.size)} papers; ${fmt(metaIds.size)} metadata blocks; ${fmt(withMeta)} paired papers have metadata, ${fmt(pairIds.size - withMeta)} do not`);
    if (xmlIds.size > 0) {
      const aanAll = new Set([...pairIds, ...metaIds]);
      const matched = [...aanAll].filter((id) => xmlIds.has(id)).length;
      console.log(`AAN × ACL XML: ${fmt(matched)} of ${fmt(aanAll.size)} AAN papers have an ACL XML paper with the same ACL id (${fmt([...pairIds].filter((id) => xmlIds.has(id)).length)} of the ${fmt(pairIds.size)} paired ones)`);
    }
  }
  const teiCorpus = results.get('grobid-tei-s2orc/tei (TEI)');
  const specter = teiCorpus?.records.find((r) => r.ids.acl === '2020.acl-main.207');
  if (specter && xml && xml.records.length > 0) {
    const byAcl = new Map(xml.records.map((r) => [r.ids.acl as string, r]));
    const byDoi = new Map(xml.records.filter((r) => r.ids.doi).map((r) => [r.ids.doi as string, r]));
    const byTitle = new Map(xml.records.filter((r) => r.title).map((r) => [foldText(r.title as string), r]));
    const counts = { acl: 0, doi: 0, title: 0 };
    const samples: string[] = [];
    for (const ref of specter.references ?? []) {
      const hit = (ref.ids.acl && byAcl.get(ref.ids.acl) && 'acl') || (ref.ids.doi && byDoi.get(ref.ids.doi) && 'doi') || (ref.title && byTitle.get(foldText(ref.title)) && 'title');
      if (hit) {
        counts[hit as keyof typeof counts]++;
        const target = hit === 'acl' ? byAcl.get(ref.ids.acl as string) : hit === 'doi' ? byDoi.get(ref.ids.doi as string) : byTitle.get(foldText(ref.title as string));
        if (samples.length < 5) samples.push(`    [${hit}] "${ref.title}" (${ref.year ?? '?'}) → ${target?.ids.acl} "${target?.title}" (${target?.date})`);
      }
    }
    const total = specter.references?.length ?? 0;
    console.log(`SPECTER TEI: ${counts.acl + counts.doi + counts.title} of ${total} references match an ACL XML paper (by ACL id ${counts.acl}, by DOI ${counts.doi}, by folded title ${counts.title}); sample:`);
    for (const s of samples) console.log(s);
  }
  if (xml && xml.records.length > 0) {
    const abstracts = xml.records.filter((r) => r.abstract).length;
    const datasets = xml.records.reduce((a, r) => a + (r.datasetTags?.length ?? 0), 0);
    const code = xml.records.reduce((a, r) => a + r.codeUrls.length, 0);
    const flagged = xml.records.filter((r) => r.hasCode && r.codeUrls.length === 0).length;
    console.log(`ACL XML: ${fmt(xml.records.length)} papers, ${fmt(abstracts)} abstracts, ${fmt(datasets)} dataset links, ${fmt(code)} code URLs (+${fmt(flagged)} papers whose <pwccode> names no URL)`);
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
