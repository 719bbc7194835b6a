// Starts a TypeScript worker module (tests/robustness/*.worker.ts) under tsx, so the robustness
// suite can run parsers in a thread it can terminate when an input hangs.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
