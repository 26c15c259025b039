import { writeMode } from '../../args/write-mode.js';
import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect, print, progressTo } from '../../command-support.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import { waitMs } from './deploy.command.js';
import { functionFlags } from './function-flags.js';
import { functionOptions, waitOption, writeOptions } from './function-options.js';

export function updateCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'update <name>',
    describe: 'Update a function; flags not given keep their current values',
    builder: (yargs) =>
      yargs
        .positional('name', { type: 'string', demandOption: true, describe: 'Function name' })
        .options(functionOptions('update'))
        .options(writeOptions)
        .options(waitOption)
        .example(
          '$0 function update hello --from-file handler.js',
          'New code; timeout, port, env and the rest stay as they are',
        ),
    handler: async (argv) => {
      const mode = writeMode(argv);
      const input = {
        name: argv.name,
        flags: functionFlags(argv),
        dryRun: mode.dryRun,
        waitMs: waitMs(argv.wait),
        validate: argv.validate,
      };
      const [{ updateFunction }, { renderObjects }] = await Promise.all([
        import('./update-function.js'),
        import('../../output/write-outcome.js'),
      ]);
      const outcome = await updateFunction(
        { ports, cluster: await connect(ports, argv), progress: progressTo(ports) },
        input,
      );
      if (outcome.dryRun !== 'none') print(ports, renderObjects(outcome.objects, mode.format));
    },
  });
}
