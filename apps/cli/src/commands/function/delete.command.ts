import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect, progressTo } from '../../command-support.js';
import type { CliPorts } from '../../ports/cli-ports.js';

export function deleteCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'delete <name>',
    describe: 'Delete a function (its Deployment, Service and ConfigMap go with it)',
    builder: (yargs) =>
      yargs.positional('name', { type: 'string', demandOption: true, describe: 'Function name' }).options({
        'dry-run': {
          type: 'string',
          choices: ['none', 'server'],
          describe: 'server: check the deletion without doing it',
        },
      }),
    handler: async (argv) => {
      const { deleteFunction } = await import('./delete-function.js');
      await deleteFunction(await connect(ports, argv), { name: argv.name, dryRun: argv['dry-run'] === 'server' });
      progressTo(ports)(`Function ${argv.name} deleted${argv['dry-run'] === 'server' ? ' (server dry run)' : ''}`);
    },
  });
}
