import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect, print } from '../../command-support.js';
import { dataFormat } from '../../output/data-format.js';
import { dataOutputOption } from '../../output/read-options.js';
import type { CliPorts } from '../../ports/cli-ports.js';

export function topCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'top',
    aliases: ['stats'],
    describe: "Show per-method calls, failures and durations from the functions' /metrics",
    builder: (yargs) =>
      yargs.options({
        function: { alias: 'f', type: 'string', describe: 'Only this function (default: all in the namespace)' },
        ...dataOutputOption,
      }),
    handler: async (argv) => {
      const format = argv.output === undefined ? undefined : dataFormat(argv.output);
      const { functionTop, renderTop } = await import('./function-top.js');
      print(
        ports,
        renderTop(
          await functionTop(await connect(ports, argv), { function: argv.function, signal: ports.signal }),
          format,
        ),
      );
    },
  });
}
