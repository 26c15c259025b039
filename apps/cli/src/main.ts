/** The `kubeless` program: wires the real ports, runs one command, sets the exit code. */
import { hideBin } from 'yargs/helpers';
import { runCli } from './cli.js';
import { nodePorts } from './ports/node-ports.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    controller.abort(new Error(`interrupted by ${signal}`));
    process.exitCode = 130;
  });
}
// A closed pipe (`kubeless function ls | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(hideBin(process.argv), nodePorts(controller.signal));
