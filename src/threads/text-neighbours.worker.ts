/**
 * Worker entry of text-neighbours.ts: builds the pass's index, posts its parts (so the main
 * thread can join in once it is free), with the index over every term for the related-work
 * index; searches the documents it claims, posts its heaps; then, idle, sums the paper links and
 * partitions them with Louvain if the main thread asks (ThreadLinksRequest), posting the links as
 * soon as they are summed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RowClaims, searchPartsOf, textPassIndex, textPassSearch, threadLinksOf, type ThreadLinksRequest, type TextWorkerData, type TextWorkerMessage } from './text-neighbours.js';

const { task, claims: buffer, thresholds } = workerData as TextWorkerData;
const { index, maxDf, full } = textPassIndex(task);
parentPort!.postMessage({ type: 'index', parts: index.exportParts(), maxDf, full: full === index ? 'same' : full === null ? null : full.exportParts() } satisfies TextWorkerMessage);
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
parentPort!.once('message', (request: ThreadLinksRequest) => {
  const { links, partition: partitionOf } = threadLinksOf(request);
  // Copied, not transferred: Louvain reads them next.
  parentPort!.postMessage({ type: 'links', links } satisfies TextWorkerMessage);
  const partition = partitionOf();
  parentPort!.postMessage({ type: 'partition', partition } satisfies TextWorkerMessage, [partition.communityOf.buffer as ArrayBuffer]);
  parentPort!.close();
});
