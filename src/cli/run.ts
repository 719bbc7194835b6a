/** The process entry: signal handling, then the CLI with the process's arguments. */
import { installSignalHandlers, main } from './main.js';

installSignalHandlers();
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
