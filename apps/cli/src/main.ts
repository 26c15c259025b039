/** The `kubeless` program: wires the real ports, runs one command, sets the exit code. */
import { hideBin } from 'yargs/helpers';
import { runCli } from './cli.js';
import { nodePorts } from './ports/node-ports.js';

// No top-level await: the single executable build (tools/sea.mjs) is CommonJS, which has none.
async function main(): Promise<void> {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      controller.abort(new Error(`interrupted by ${signal}`));
    });
  }
  // A closed pipe (`kubeless function ls | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });

  const code = await runCli(hideBin(process.argv), nodePorts(controller.signal));
  // Interrupted (e.g. Ctrl-C during `logs -f` or `--wait`): the shell convention 128 + SIGINT.
  process.exitCode = controller.signal.aborted ? 130 : code;
}

void main();
