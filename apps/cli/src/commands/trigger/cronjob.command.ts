import { writeMode } from '../../args/write-mode.js';
import { groupCommand, leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect } from '../../command-support.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import { deleteTriggerCommand, listTriggerCommand, printWrite, triggerWriteOptions } from './trigger-commands.js';

function writeCommand(ports: CliPorts, mode: 'create' | 'update'): CliCommand {
  return leafCommand({
    command: `${mode} <name>`,
    describe:
      mode === 'create' ? 'Create a cron job trigger' : 'Update a cron job trigger; flags not given keep their values',
    builder: (yargs) =>
      yargs
        .positional('name', { type: 'string', demandOption: true, describe: 'Trigger name' })
        .options({
          function: { type: 'string', demandOption: mode === 'create', describe: 'Function to call (must exist)' },
          schedule: {
            type: 'string',
            demandOption: mode === 'create',
            describe: 'Cron schedule, five fields, e.g. "*/5 * * * *"',
          },
          payload: { alias: 'p', type: 'string', describe: 'JSON object sent as the request body' },
          'payload-from-file': {
            alias: 'f',
            type: 'string',
            describe: '.json file with the JSON object sent as the request body',
          },
        })
        .options(triggerWriteOptions),
    handler: async (argv) => {
      const write = writeMode(argv);
      const { createCronJobTrigger, updateCronJobTrigger } = await import('./cronjob-trigger.js');
      const run = mode === 'create' ? createCronJobTrigger : updateCronJobTrigger;
      const flags = {
        functionName: argv.function,
        schedule: argv.schedule,
        payload: argv.payload,
        payloadFromFile: argv['payload-from-file'],
      };
      const outcome = await run(ports, await connect(ports, argv), { name: argv.name, flags, dryRun: write.dryRun });
      await printWrite(
        ports,
        outcome,
        write.format,
        `Cron job trigger ${argv.name} ${mode === 'create' ? 'created' : 'updated'}`,
      );
    },
  });
}

export function cronJobTriggerCommand(ports: CliPorts): CliCommand {
  const load = async (cluster: ClusterPort) => (await import('./cronjob-trigger.js')).cronJobTriggerOperations(cluster);
  return groupCommand({
    command: 'cronjob',
    describe: 'Cron job triggers: call a function on a schedule',
    subcommands: [
      writeCommand(ports, 'create'),
      writeCommand(ports, 'update'),
      deleteTriggerCommand(ports, 'cronjob', 'a cron job trigger', load),
      listTriggerCommand(ports, 'cron job trigger', load),
    ],
  });
}
