/** Worker entry of text-neighbours.ts: computes the pass for `workerData` and posts it back packed. */
import { parentPort, workerData } from 'node:worker_threads';
import { computeTextNeighbours, packNeighbours, type TextNeighbourTask } from './text-neighbours.js';

const result = computeTextNeighbours(workerData as TextNeighbourTask);
const packed = packNeighbours(result.lists);
parentPort!.postMessage({ packed, maxDf: result.maxDf }, [packed.start.buffer as ArrayBuffer, packed.doc.buffer as ArrayBuffer, packed.score.buffer as ArrayBuffer]);
