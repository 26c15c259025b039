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
      mode === 'create' ? 'Create a Kafka trigger' : 'Update a Kafka trigger; flags not given keep their values',
    builder: (yargs) =>
      yargs
        .positional('name', { type: 'string', demandOption: true, describe: 'Trigger name' })
        .options({
          'trigger-topic': { type: 'string', demandOption: mode === 'create', describe: 'Kafka topic to consume' },
          'function-selector': {
            type: 'string',
            demandOption: mode === 'create',
            describe: 'Label selector of the functions to call, e.g. created-by=kubeless,function=hello',
          },
        })
        .options(triggerWriteOptions),
    handler: async (argv) => {
      const write = writeMode(argv);
      const { createKafkaTrigger, updateKafkaTrigger } = await import('./kafka-trigger.js');
      const run = mode === 'create' ? createKafkaTrigger : updateKafkaTrigger;
      const flags = { topic: argv['trigger-topic'], functionSelector: argv['function-selector'] };
      const outcome = await run(await connect(ports, argv), { name: argv.name, flags, dryRun: write.dryRun });
      await printWrite(
        ports,
        outcome,
        write.format,
        `Kafka trigger ${argv.name} ${mode === 'create' ? 'created' : 'updated'}`,
      );
    },
  });
}

export function kafkaTriggerCommand(ports: CliPorts): CliCommand {
  const load = async (cluster: ClusterPort) => (await import('./kafka-trigger.js')).kafkaTriggerOperations(cluster);
  return groupCommand({
    command: 'kafka',
    describe: 'Kafka triggers: call functions for each message of a topic',
    subcommands: [
      writeCommand(ports, 'create'),
      writeCommand(ports, 'update'),
      deleteTriggerCommand(ports, 'kafka', 'a Kafka trigger', load),
      listTriggerCommand(ports, 'Kafka trigger', load),
    ],
  });
}
