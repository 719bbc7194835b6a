/**
 * Worker entry of layout.ts: claims and lays out thread discs beside the main thread, writing
 * positions into the shared DiscJobs, then says how many it ran.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runDiscJobs, type DiscJobs } from './fa2.js';

parentPort!.postMessage({ ran: runDiscJobs(workerData as DiscJobs) });
