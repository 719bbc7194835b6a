/**
 * `litgraph build` run again in a child Node process with other flags: a large build needs V8's
 * heap limit raised (heap.ts `largeBuildNodeFlags`), and V8 reads it only when Node starts.
 * The child inherits stdin, stdout, stderr and the environment, and this process waits for it:
 * the child's exit code is the command's, and SIGINT or SIGTERM sent to this process is passed on
 * (main.ts `installSignalHandlers`), so the child removes its temp files as it would alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Set in the child's environment, so that it runs the build with the flags it was given rather
 * than re-running itself; a user sets it to keep Node's defaults.
 */
export const KEEP_NODE_FLAGS_ENV = 'LITGRAPH_KEEP_NODE_FLAGS';

let child: ChildProcess | null = null;

/** Runs this process's command line again with `nodeFlags` added to Node's own; resolves to its exit code. */
export function rerunWithNodeFlags(nodeFlags: readonly string[]): Promise<number> {
  const args = [...process.execArgv, ...nodeFlags, process.argv[1], ...process.argv.slice(2)];
  return new Promise((resolve, reject) => {
    const running = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, [KEEP_NODE_FLAGS_ENV]: '1' } });
    child = running;
    running.once('error', (error) => {
      child = null;
      reject(error);
    });
    running.once('exit', (code, signal) => {
      child = null;
      // A child killed by a signal it did not handle exits as a shell would report it.
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}

/** Passes `signal` on to the child build, if one is running; whether there was one. */
export function forwardSignal(signal: NodeJS.Signals): boolean {
  if (!child) return false;
  child.kill(signal);
  return true;
}
