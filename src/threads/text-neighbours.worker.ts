/**
 * Worker entry of text-neighbours.ts: builds the pass's index, posts its parts (so the main
 * thread can join in once it is free), searches the documents it claims, posts its heaps; then,
 * idle, partitions the paper links with Louvain if the main thread asks (PartitionRequest).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { partitionLinks } from './louvain-view.js';
import { RowClaims, searchPartsOf, textPassIndex, textPassSearch, type PartitionRequest, type TextWorkerData, type TextWorkerMessage } from './text-neighbours.js';

const { task, claims: buffer, thresholds } = workerData as TextWorkerData;
const { index, maxDf } = textPassIndex(task);
parentPort!.postMessage({ type: 'index', parts: index.exportParts(), maxDf } satisfies TextWorkerMessage);
const parts = searchPartsOf(index);
const claims = new RowClaims(buffer);
const search = textPassSearch(parts, task);
search.publishThresholds(new Int32Array(thresholds));
for (let d = claims.claim(); d >= 0; d = claims.claim()) {
  if (d !== search.position) throw new Error(`text-neighbour worker: claimed document ${d}, expected ${search.position}`);
  search.searchNext();
}
const heaps = search.heaps();
parentPort!.postMessage({ type: 'heaps', heaps } satisfies TextWorkerMessage, [heaps.doc.buffer as ArrayBuffer, heaps.score.buffer as ArrayBuffer, heaps.size.buffer as ArrayBuffer]);
parentPort!.once('message', (request: PartitionRequest) => {
  const papers = Array.from({ length: request.papers }, (_, i) => String(i));
  const partition = partitionLinks({ papers, source: request.source, target: request.target, weight: request.weight }, request.seed, request.resolution);
  parentPort!.postMessage({ type: 'partition', partition } satisfies TextWorkerMessage, [partition.communityOf.buffer as ArrayBuffer]);
  parentPort!.close();
});
