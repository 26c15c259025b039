/**
 * The yargs side shared by `trigger http|cronjob|kafka`: delete and list are
 * the same for every kind, and writes print dry-run output the same way.
 */
import type { Options } from 'yargs';
import { allNamespacesOption, listNamespace } from '../../args/all-namespaces.js';
import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect, print, progressTo } from '../../command-support.js';
import type { DataFormat } from '../../output/data-format.js';
import { readFormat, readOutputOption } from '../../output/read-options.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import type { Cell } from '../../output/table.js';

export const triggerWriteOptions = {
  'dry-run': {
    type: 'string',
    describe:
      'client: print the trigger; server: the API server validates it without storing (dryRun=All); none (default)',
  },
  dryrun: { type: 'boolean', hidden: true, describe: 'Deprecated: same as --dry-run=client' },
  output: {
    alias: ['o'],
    type: 'string',
    choices: ['json', 'yaml'],
    describe: 'Format of --dry-run output (default yaml)',
  },
} as const satisfies Record<string, Options>;

export interface TriggerTable<T> {
  readonly header: readonly string[];
  readonly row: (trigger: T) => readonly Cell[];
}

type KindName = 'http' | 'cronjob' | 'kafka';

export async function printWrite(
  ports: CliPorts,
  outcome: { readonly object: unknown; readonly dryRun: string },
  format: DataFormat,
  message: string,
): Promise<void> {
  if (outcome.dryRun !== 'none') {
    const { formatData } = await import('../../output/data-format.js');
    print(ports, formatData(outcome.object, format));
    return;
  }
  progressTo(ports)(message);
}

export function deleteTriggerCommand(
  ports: CliPorts,
  kind: KindName,
  title: string,
  load: (cluster: ClusterPort) => Promise<{ remove: (name: string) => Promise<void> }>,
): CliCommand {
  return leafCommand({
    command: 'delete <name>',
    describe: `Delete ${title}`,
    builder: (yargs) => yargs.positional('name', { type: 'string', demandOption: true, describe: 'Trigger name' }),
    handler: async (argv) => {
      const cluster = await connect(ports, argv);
      await (await load(cluster)).remove(argv.name);
      progressTo(ports)(`${kind} trigger ${argv.name} deleted`);
    },
  });
}

export function listTriggerCommand<T>(
  ports: CliPorts,
  title: string,
  load: (
    cluster: ClusterPort,
  ) => Promise<{ list: (namespace: string | undefined) => Promise<T[]>; table: TriggerTable<T> }>,
): CliCommand {
  return leafCommand({
    command: 'list',
    aliases: ['ls'],
    describe: `List ${title}s`,
    builder: (yargs) => yargs.options(readOutputOption).options(allNamespacesOption),
    handler: async (argv) => {
      const format = readFormat(argv.output);
      const cluster = await connect(ports, argv);
      const { list, table } = await load(cluster);
      const triggers = await list(
        listNamespace({ namespace: cluster.namespace, allNamespaces: argv['all-namespaces'] }),
      );
      const [{ formatData }, { renderTable }] = await Promise.all([
        import('../../output/data-format.js'),
        import('../../output/table.js'),
      ]);
      print(
        ports,
        format === 'json' || format === 'yaml'
          ? formatData(triggers, format)
          : renderTable(table.header, triggers.map(table.row)),
      );
    },
  });
}
