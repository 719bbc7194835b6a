/**
 * npm run eval — extraction quality against real gold
 * ===================================================
 *
 * A runner: every `bench/eval-*.ts` module exports `section: EvalSection`; each is run in file
 * order, prints its table of precision / recall / F1, and reports the floors it missed. The run
 * exits 1 when any floor is missed, 0 otherwise — and 0 with a clear message when the gold data
 * (../shared/data beside the clone, or $LITGRAPH_DATA) is absent.
 *
 *   npm run eval                 every section
 *   npm run eval -- entities     only sections whose file name contains "entities"
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface EvalRow {
  /** What is measured, e.g. "SciERC dev · Method · exact". */
  name: string;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Gold and predicted counts, shown for scale. */
  gold?: number;
  predicted?: number;
  /** Floors this row commits to. */
  floors?: Partial<Record<'precision' | 'recall' | 'f1', number>>;
}

export interface EvalResult {
  rows: EvalRow[];
  /** Extra lines printed under the table (timings, notes). */
  notes?: string[];
  /** Set when the section could not run (its data is missing): printed, not a failure. */
  skipped?: string;
}

export interface EvalContext {
  /** The shared data folder (exists). */
  dataDir: string;
}

export interface EvalSection {
  name: string;
  run(ctx: EvalContext): Promise<EvalResult> | EvalResult;
}

const here = dirname(fileURLToPath(import.meta.url));

export function dataDirectory(): string {
  return process.env.LITGRAPH_DATA ? resolve(process.env.LITGRAPH_DATA) : resolve(here, '..', '..', 'shared', 'data');
}

const fmt = (x: number | null | undefined): string => (x === null || x === undefined ? '    –' : x.toFixed(3));

/** The floors a row misses, as messages. */
export function missedFloors(row: EvalRow): string[] {
  const out: string[] = [];
  for (const [k, floor] of Object.entries(row.floors ?? {}) as Array<['precision' | 'recall' | 'f1', number]>) {
    const v = row[k];
    if (v === null || v < floor) out.push(`${row.name}: ${k} ${fmt(v)} < floor ${floor.toFixed(2)}`);
  }
  return out;
}

export function printTable(title: string, rows: readonly EvalRow[]): void {
  const width = Math.max(40, ...rows.map((r) => r.name.length));
  console.log(`\n${title}`);
  console.log(`${'measure'.padEnd(width)}  precision  recall     F1   gold  pred  floors`);
  for (const r of rows) {
    const floors = Object.entries(r.floors ?? {}).map(([k, v]) => `${k[0].toUpperCase()}≥${v}`).join(' ');
    const flag = missedFloors(r).length ? '  ✗' : floors ? '  ✓' : '';
    console.log(`${r.name.padEnd(width)}  ${fmt(r.precision).padStart(9)}  ${fmt(r.recall).padStart(6)}  ${fmt(r.f1).padStart(5)}  ${String(r.gold ?? '').padStart(5)} ${String(r.predicted ?? '').padStart(5)}  ${floors}${flag}`);
  }
}

/** The section modules: bench/eval-*.ts, in name order. */
export function sectionFiles(filter?: string): string[] {
  return readdirSync(here)
    .filter((f) => /^eval-.+\.ts$/.test(f) && (!filter || f.includes(filter)))
    .sort()
    .map((f) => join(here, f));
}

async function main(): Promise<number> {
  const dataDir = dataDirectory();
  if (!existsSync(dataDir)) {
    console.log(`litgraph eval: gold data not found at ${dataDir} (set LITGRAPH_DATA to its folder). Nothing measured.`);
    return 0;
  }
  const failures: string[] = [];
  for (const file of sectionFiles(process.argv[2])) {
    const mod = (await import(pathToFileURL(file).href)) as { section?: EvalSection };
    if (!mod.section) continue;
    const t0 = performance.now();
    const result = await mod.section.run({ dataDir });
    if (result.skipped) {
      console.log(`\n${mod.section.name}: skipped — ${result.skipped}`);
      continue;
    }
    printTable(`${mod.section.name}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`, result.rows);
    for (const n of result.notes ?? []) console.log(`  ${n}`);
    for (const r of result.rows) failures.push(...missedFloors(r));
  }
  if (failures.length) {
    console.log(`\nFAILED ${failures.length} floor(s):`);
    for (const f of failures) console.log(`  ${f}`);
    return 1;
  }
  console.log('\nAll floors met.');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
