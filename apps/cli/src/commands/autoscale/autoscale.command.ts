import { allNamespacesOption } from '../../args/all-namespaces.js';
import { writeMode } from '../../args/write-mode.js';
import { groupCommand, leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect, print, progressTo } from '../../command-support.js';
import { dataFormat } from '../../output/data-format.js';
import { dataOutputOption } from '../../output/read-options.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import { triggerWriteOptions } from '../trigger/trigger-commands.js';

const METRICS = ['cpu', 'qps'] as const;

function createCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'create <name>',
    describe: 'Autoscale a function on CPU utilization or requests per second',
    builder: (yargs) =>
      yargs
        .positional('name', { type: 'string', demandOption: true, describe: 'Function name' })
        .options({
          min: { type: 'number', default: 1, describe: 'Minimum replicas' },
          max: { type: 'number', default: 1, describe: 'Maximum replicas' },
          metric: {
            type: 'string',
            choices: METRICS,
            default: 'cpu' as const,
            describe: 'cpu: average utilization in percent; qps: function_calls per second on the Service',
          },
          value: { type: 'string', demandOption: true, describe: 'Target value: a percentage for cpu, a rate for qps' },
        })
        .options(triggerWriteOptions),
    handler: async (argv) => {
      const write = writeMode(argv);
      const { createAutoscale } = await import('./autoscale.js');
      const metric = argv.metric === 'qps' ? 'qps' : 'cpu';
      const fn = await createAutoscale(
        await connect(ports, argv),
        { name: argv.name, min: argv.min, max: argv.max, metric, value: argv.value, dryRun: write.dryRun },
        progressTo(ports),
      );
      if (write.dryRun !== 'none')
        print(
          ports,
          (await import('../../output/data-format.js')).formatData(fn.spec.horizontalPodAutoscaler, write.format),
        );
      else progressTo(ports)(`Autoscale for function ${argv.name} created`);
    },
  });
}

function deleteCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'delete <name>',
    describe: 'Stop autoscaling a function',
    builder: (yargs) => yargs.positional('name', { type: 'string', demandOption: true, describe: 'Function name' }),
    handler: async (argv) => {
      const { deleteAutoscale } = await import('./autoscale.js');
      await deleteAutoscale(await connect(ports, argv), { name: argv.name, dryRun: 'none' });
      progressTo(ports)(`Autoscale for function ${argv.name} deleted`);
    },
  });
}

function listCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'list',
    aliases: ['ls'],
    describe: 'List autoscaled functions',
    builder: (yargs) => yargs.options(dataOutputOption).options(allNamespacesOption),
    handler: async (argv) => {
      const format = argv.output === undefined ? undefined : dataFormat(argv.output);
      const { listAutoscales, renderAutoscales } = await import('./autoscale.js');
      print(
        ports,
        renderAutoscales(
          await listAutoscales(await connect(ports, argv), { allNamespaces: argv['all-namespaces'] }),
          format,
        ),
      );
    },
  });
}

export function autoscaleCommand(ports: CliPorts): CliCommand {
  return groupCommand({
    command: 'autoscale',
    describe: 'Horizontal autoscaling of functions (autoscaling/v2)',
    subcommands: [createCommand(ports), deleteCommand(ports), listCommand(ports)],
  });
}
