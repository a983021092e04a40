/** Entry point of the `copydesk` bin (bundled to dist/main/cli.cjs). */
import { runCli } from './cli.js';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
