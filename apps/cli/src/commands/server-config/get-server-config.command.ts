import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect, print } from '../../command-support.js';
import { dataFormat } from '../../output/data-format.js';
import { dataOutputOption } from '../../output/read-options.js';
import type { CliPorts } from '../../ports/cli-ports.js';

export function getServerConfigCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'get-server-config',
    describe: 'Show the server config (kubeless-config), including the supported runtimes',
    builder: (yargs) => yargs.options(dataOutputOption),
    handler: async (argv) => {
      const format = argv.output === undefined ? undefined : dataFormat(argv.output);
      const [{ readServerConfig, supportedRuntimes, runtimeAliases }, { formatData }] = await Promise.all([
        import('../../cluster/server-config.js'),
        import('../../output/data-format.js'),
      ]);
      const { config, location } = await readServerConfig(await connect(ports, argv), ports.env);
      const runtimes = supportedRuntimes(config.runtimeImages);
      const aliases = runtimeAliases(config.runtimeImages);
      if (format !== undefined) {
        print(
          ports,
          formatData(
            {
              namespace: location.namespace,
              name: location.name,
              supportedRuntimes: runtimes,
              runtimeAliases: aliases,
              config,
            },
            format,
          ),
        );
        return;
      }
      const aliasLine =
        aliases.length === 0
          ? ''
          : `Deprecated names (same handler contract) run as: ${aliases.map((entry) => `${entry.alias} → ${entry.runtime}`).join(', ')}\n`;
      print(
        ports,
        `Current Server Config (${location.namespace}/${location.name}):\nSupported Runtimes are: ${runtimes.join(', ')}\n${aliasLine}`,
      );
    },
  });
}
