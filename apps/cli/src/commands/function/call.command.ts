import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect } from '../../command-support.js';
import type { CliPorts } from '../../ports/cli-ports.js';

export function callCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'call <name>',
    describe: 'Call a function (GET, or POST with --data) and print its answer',
    builder: (yargs) =>
      yargs
        .positional('name', { type: 'string', demandOption: true, describe: 'Function name' })
        .options({
          data: { alias: 'd', type: 'string', describe: 'Request body; a JSON object is sent as application/json' },
          gateway: {
            type: 'string',
            describe:
              'Call through this gateway URL as <gateway>/<namespace>/<function> instead of the API server proxy (env KUBELESS_GATEWAY)',
          },
        })
        .example('$0 function call hello --data \'{"name":"x"}\'', 'POST a JSON event'),
    handler: async (argv) => {
      const gateway = argv.gateway ?? ports.env['KUBELESS_GATEWAY'];
      const { callFunction, callFailure } = await import('./call-function.js');
      const useGateway = gateway !== undefined && gateway !== '';
      const cluster = useGateway && argv.namespace !== undefined ? undefined : await connect(ports, argv);
      const namespace = cluster?.namespace ?? argv.namespace ?? 'default';
      const answer = await callFunction(ports, useGateway ? undefined : cluster, namespace, {
        name: argv.name,
        data: argv.data,
        gateway,
      });
      ports.stdout.write(answer.body);
      if (answer.body.length > 0 && answer.body[answer.body.length - 1] !== 0x0a) ports.stdout.write('\n');
      const failure = callFailure(argv.name, answer);
      if (failure !== undefined) throw failure;
    },
  });
}
