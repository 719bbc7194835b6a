/** A CliIO that records what a command prints, for in-process CLI tests. */
import type { CliIO } from '../../src/cli/io.js';

export interface CapturedIO extends CliIO {
  out: string;
  err: string;
}

export function captureIO(env: NodeJS.ProcessEnv = {}): CapturedIO {
  const io: CapturedIO = {
    out: '',
    err: '',
    isTTY: false,
    env,
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
  };
  return io;
}
