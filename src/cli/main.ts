/**
 * litgraph command line: `litgraph <command> [options]`. The only place errors become exit codes
 * (0 ok, 1 failure, 2 usage error); commands are importable async functions (src/cli/commands/).
 */
import { UsageError } from '../errors.js';
import { processIO, type CliIO } from './io.js';
import { forwardSignal } from './rerun.js';

type Command = (args: string[], io: CliIO) => Promise<number>;

/** Each verb loads its module on demand, so `litgraph formats` does not load Neo4j or sigma. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  build: { summary: 'ingest listings and write the graph files', load: () => import('./commands/build.js') },
  formats: { summary: 'list the input formats and how each is detected', load: () => import('./commands/formats.js') },
  export: { summary: 'write the graph to Neo4j, neo4j-admin CSV, GEXF or GraphML', load: () => import('./commands/export.js') },
  threads: { summary: 'list the research threads of a build', load: () => import('./commands/threads.js') },
  related: { summary: 'related work for a paper or a pasted abstract, ranked and explained', load: () => import('./commands/related.js') },
  view: { summary: 'serve the graph viewer on 127.0.0.1', load: () => import('./commands/view.js') },
};

export const USAGE = `usage: litgraph <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run \`litgraph <command> --help\` for a command's options.`;

/**
 * For the real process only: on SIGINT/SIGTERM remove the temp files of a write in progress, so
 * an interrupted build leaves the previous outputs exactly as they were. A build re-run in a
 * child Node (rerun.ts) gets the signal instead, and this process exits with the child's code.
 * A second signal while the temp files are removed changes nothing: Ctrl-C in a terminal reaches
 * both processes, and the child then gets it twice.
 */
export function installSignalHandlers(): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (forwardSignal(signal) || stopping) return;
      stopping = true;
      void import('../sinks/json.js').then(async ({ abortActiveWrite }) => {
        // A build's batch is open from before its stages (papers and mentions are written during them).
        if (await abortActiveWrite()) process.stderr.write(`\nlitgraph: interrupted (${signal}) before the new outputs were complete; previous outputs left intact\n`);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    });
  }
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [verb, ...args] = argv;
  try {
    if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
      io.stdout(`${USAGE}\n`);
      return verb ? 0 : 2;
    }
    const command = COMMANDS[verb];
    if (!command) throw new UsageError(`unknown command "${verb}"\n\n${USAGE}`);
    const { run } = await command.load();
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`litgraph: ${error.message}\n`);
      return 2;
    }
    io.stderr(`litgraph: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env.LITGRAPH_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 1;
  }
}
