import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { allNamespacesOption } from '../../args/all-namespaces.js';
import { connect, print, stringList } from '../../command-support.js';
import { readFormat, readOutputOption } from '../../output/read-options.js';
import type { CliPorts } from '../../ports/cli-ports.js';

export function listCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'list [names..]',
    aliases: ['ls'],
    describe: 'List functions',
    builder: (yargs) =>
      yargs
        .positional('names', { type: 'string', array: true, describe: 'Only these functions' })
        .options(readOutputOption)
        .options(allNamespacesOption),
    handler: async (argv) => {
      const format = readFormat(argv.output);
      const { listFunctions, renderFunctionList } = await import('./list-functions.js');
      const listing = await listFunctions(await connect(ports, argv), {
        names: stringList(argv.names),
        wide: format === 'wide',
        allNamespaces: argv['all-namespaces'],
      });
      print(ports, renderFunctionList(listing, format));
    },
  });
}
