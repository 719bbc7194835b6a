/**
 * Runs parse.worker.ts tasks with a watchdog. A parser stuck in a loop or a catastrophic regex
 * never returns, and vitest cannot interrupt synchronous code; so the parsers run in a worker
 * thread, and when one input makes no progress for `hangMs` the worker is terminated and the
 * task fails, naming the input. The next task gets a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Task } from './parse.worker.js';

/** Omit over each member of a union (plain Omit would merge the members). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const BOOT = join(import.meta.dirname, 'worker-boot.mjs');
const ENTRY = join(import.meta.dirname, 'parse.worker.ts');

export class Hang extends Error {
  constructor(
    readonly task: number,
    readonly index: number,
    readonly sub: number,
    ms: number,
  ) {
    super(`input #${index} (step ${sub}) of task ${task} made no progress for ${ms} ms: terminated`);
  }
}

export class WorkerRunner {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private readonly progress = new SharedArrayBuffer(12);
  private readonly view = new Int32Array(this.progress);
  private nextTask = 1;

  constructor(private readonly hangMs: number) {}

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY, progress: this.progress } });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: { kind: string }) => {
        if (m.kind === 'ready') {
          worker.off('message', onMessage);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return this.ready;
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    if (w) await w.terminate();
  }

  /** Runs one task; rejects with Hang when an input stalls, with Error when the worker fails. */
  async run<R>(task: DistributiveOmit<Task, 'task'>): Promise<R> {
    await this.start();
    const worker = this.worker!;
    const id = this.nextTask++;
    Atomics.store(this.view, 0, id);
    Atomics.store(this.view, 1, -1);
    return new Promise<R>((resolve, reject) => {
      let last = '';
      let since = Date.now();
      const timer = setInterval(() => {
        const now = `${Atomics.load(this.view, 0)}:${Atomics.load(this.view, 1)}:${Atomics.load(this.view, 2)}`;
        if (now !== last) {
          last = now;
          since = Date.now();
        } else if (Date.now() - since > this.hangMs) {
          cleanup();
          const hang = new Hang(id, Atomics.load(this.view, 1), Atomics.load(this.view, 2), this.hangMs);
          void this.stop().then(() => reject(hang));
        }
      }, 100);
      const onMessage = (m: { kind: string; task: number; error?: string }) => {
        if (m.task !== id) return;
        cleanup();
        if (m.kind === 'error') reject(new Error(m.error));
        else resolve(m as R);
      };
      const onError = (error: Error) => {
        cleanup();
        void this.stop().then(() => reject(error));
      };
      const cleanup = () => {
        clearInterval(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ ...task, task: id });
    });
  }
}
