import { parseDuration } from '../../args/duration.js';
import { writeMode } from '../../args/write-mode.js';
import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect, print, progressTo } from '../../command-support.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import { functionFlags } from './function-flags.js';
import { functionOptions, waitOption, writeOptions } from './function-options.js';

export const DEFAULT_WAIT = '120s';

export function waitMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return parseDuration(value === '' ? DEFAULT_WAIT : value, '--wait');
}

export function deployCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'deploy <name>',
    describe: 'Deploy a function',
    builder: (yargs) =>
      yargs
        .positional('name', { type: 'string', demandOption: true, describe: 'Function name' })
        .options(functionOptions('deploy'))
        .options({
          schedule: {
            type: 'string',
            describe: 'Cron schedule; also creates a CronJobTrigger named after the function',
          },
        })
        .options(writeOptions)
        .options(waitOption)
        .example(
          '$0 function deploy hello --runtime nodejs20 --handler handler.hello --from-file handler.js',
          'Deploy handler.js',
        )
        .example(
          '$0 function deploy hello -r python3.12 --handler hello.main -f hello.zip --wait=2m',
          'Deploy a zip and wait until Ready',
        ),
    handler: async (argv) => {
      const mode = writeMode(argv);
      const input = {
        name: argv.name,
        flags: functionFlags(argv),
        schedule: argv.schedule,
        dryRun: mode.dryRun,
        waitMs: waitMs(argv.wait),
        validate: argv.validate,
      };
      const [{ deployFunction }, { renderObjects }] = await Promise.all([
        import('./deploy-function.js'),
        import('../../output/write-outcome.js'),
      ]);
      const outcome = await deployFunction(
        { ports, cluster: await connect(ports, argv), progress: progressTo(ports) },
        input,
      );
      if (outcome.dryRun !== 'none') print(ports, renderObjects(outcome.objects, mode.format));
    },
  });
}
