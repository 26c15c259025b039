import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect } from '../../command-support.js';
import type { CliPorts } from '../../ports/cli-ports.js';

export function logsCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'logs <name>',
    describe: 'Print the logs of a function',
    builder: (yargs) =>
      yargs
        .positional('name', { type: 'string', demandOption: true, describe: 'Function name' })
        .options({ follow: { alias: 'f', type: 'boolean', default: false, describe: 'Keep streaming new lines' } }),
    handler: async (argv) => {
      const { functionLogs } = await import('./function-logs.js');
      const output = await functionLogs(await connect(ports, argv), {
        name: argv.name,
        follow: argv.follow,
        signal: ports.signal,
      });
      if (output.kind === 'text') {
        ports.stdout.write(output.text);
        return;
      }
      const sink = new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          ports.stdout.write(chunk);
          done();
        },
      });
      await pipeline(output.stream, sink).catch((error: unknown) => {
        if (!ports.signal.aborted) throw error;
      });
    },
  });
}
