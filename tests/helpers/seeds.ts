/** The bundled seed listings (graph-data/samples), read and built once per test file. */
import { join } from 'node:path';
import { listInputFiles, readInput } from '../../src/cli/read-inputs.js';
import { runPipeline, DEFAULT_BUILD_OPTIONS, type BuildResult, type InputText } from '../../src/pipeline.js';

export const SAMPLES_DIR = join(import.meta.dirname, '..', '..', 'graph-data', 'samples');

export function readSamples(): InputText[] {
  return listInputFiles([SAMPLES_DIR]).files.map(readInput);
}

let cached: BuildResult | undefined;

export function buildSamples(): BuildResult {
  cached ??= runPipeline(readSamples(), DEFAULT_BUILD_OPTIONS);
  return cached;
}
