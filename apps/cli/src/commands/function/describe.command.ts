import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect, print } from '../../command-support.js';
import { dataFormat } from '../../output/data-format.js';
import { dataOutputOption } from '../../output/read-options.js';
import type { CliPorts } from '../../ports/cli-ports.js';

export function describeCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'describe <name>',
    describe: 'Show the details of a function',
    builder: (yargs) =>
      yargs
        .positional('name', { type: 'string', demandOption: true, describe: 'Function name' })
        .options(dataOutputOption),
    handler: async (argv) => {
      const format = argv.output === undefined ? undefined : dataFormat(argv.output);
      const { describeFunction, renderFunction } = await import('./describe-function.js');
      print(ports, renderFunction(await describeFunction(await connect(ports, argv), argv.name), format));
    },
  });
}
