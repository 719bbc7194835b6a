import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/cli/io.js';
import { captureIO } from '../helpers/capture-io.js';

describe('ProgressBar', () => {
  it('draws on a terminal once the work has taken longer than its delay', () => {
    const io = captureIO();
    io.isTTY = true;
    const bar = new ProgressBar(io, 'parsing', 0);
    bar.update(3, 10, 'a.txt');
    bar.done();
    expect(io.err).toMatch(/parsing █+░+ 3\/10 a\.txt/);
    expect(io.err.endsWith('\r\x1b[K')).toBe(true);
  });

  it('stays silent when stderr is piped', () => {
    const io = captureIO();
    const bar = new ProgressBar(io, 'parsing', 0);
    bar.update(3, 10, 'a.txt');
    bar.done();
    expect(io.err).toBe('');
  });

  it('stays silent for work shorter than its delay', () => {
    const io = captureIO();
    io.isTTY = true;
    const bar = new ProgressBar(io, 'parsing', 60_000);
    bar.update(3, 10, 'a.txt');
    bar.done();
    expect(io.err).toBe('');
  });
});
