import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { print } from '../../command-support.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import { cliVersion } from '../../version.js';

export function versionCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'version',
    describe: 'Print the version of this CLI',
    builder: (yargs) => yargs,
    handler: () => {
      print(ports, `Kubeless version: ${cliVersion()}\n`);
    },
  });
}
