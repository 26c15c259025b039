import type { Options } from 'yargs';
import { writeMode } from '../../args/write-mode.js';
import { groupCommand, leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { connect } from '../../command-support.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import { deleteTriggerCommand, listTriggerCommand, printWrite, triggerWriteOptions } from './trigger-commands.js';
import type { HttpTriggerFlags } from './http-trigger.js';

const GATEWAYS = ['nginx', 'traefik', 'kong'] as const;

function httpOptions(mode: 'create' | 'update') {
  return {
    'function-name': {
      type: 'string',
      demandOption: mode === 'create',
      describe: 'Function the trigger exposes (must exist)',
    },
    path: { type: 'string', describe: 'URL path, e.g. api/hello' },
    hostname: { type: 'string', describe: 'Host name; default for nginx: <function>.<API server host>.nip.io' },
    enableTLSAcme: { type: 'boolean', describe: 'Request a TLS certificate through ACME (cert-manager)' },
    'tls-secret': { type: 'string', describe: 'Secret with your own TLS certificate (not with --enableTLSAcme)' },
    gateway: {
      type: 'string',
      choices: GATEWAYS,
      describe: mode === 'create' ? 'Ingress controller (default nginx)' : 'Ingress controller',
    },
    'basic-auth-secret': { type: 'string', describe: 'Secret with basic-auth credentials' },
    'cors-enable': { type: 'boolean', describe: 'Allow cross-origin requests' },
  } as const satisfies Record<string, Options>;
}

interface HttpArgv {
  readonly 'function-name'?: string;
  readonly path?: string;
  readonly hostname?: string;
  readonly enableTLSAcme?: boolean;
  readonly 'tls-secret'?: string;
  readonly gateway?: string;
  readonly 'basic-auth-secret'?: string;
  readonly 'cors-enable'?: boolean;
}

function flags(argv: HttpArgv): HttpTriggerFlags {
  return {
    functionName: argv['function-name'],
    path: argv.path,
    hostname: argv.hostname,
    tls: argv.enableTLSAcme,
    tlsSecret: argv['tls-secret'],
    gateway: argv.gateway as HttpTriggerFlags['gateway'],
    basicAuthSecret: argv['basic-auth-secret'],
    cors: argv['cors-enable'],
  };
}

function writeCommand(ports: CliPorts, mode: 'create' | 'update'): CliCommand {
  return leafCommand({
    command: `${mode} <name>`,
    describe:
      mode === 'create' ? 'Create an HTTP trigger' : 'Update an HTTP trigger; flags not given keep their values',
    builder: (yargs) =>
      yargs
        .positional('name', { type: 'string', demandOption: true, describe: 'Trigger name' })
        .options(httpOptions(mode))
        .options(triggerWriteOptions),
    handler: async (argv) => {
      const write = writeMode(argv);
      const { createHttpTrigger, updateHttpTrigger } = await import('./http-trigger.js');
      const run = mode === 'create' ? createHttpTrigger : updateHttpTrigger;
      const outcome = await run(await connect(ports, argv), {
        name: argv.name,
        flags: flags(argv),
        dryRun: write.dryRun,
      });
      await printWrite(
        ports,
        outcome,
        write.format,
        `HTTP trigger ${argv.name} ${mode === 'create' ? 'created' : 'updated'}`,
      );
    },
  });
}

export function httpTriggerCommand(ports: CliPorts): CliCommand {
  const load = async (cluster: ClusterPort) => (await import('./http-trigger.js')).httpTriggerOperations(cluster);
  return groupCommand({
    command: 'http',
    describe: 'HTTP triggers: expose a function through an Ingress',
    subcommands: [
      writeCommand(ports, 'create'),
      writeCommand(ports, 'update'),
      deleteTriggerCommand(ports, 'http', 'an HTTP trigger', load),
      listTriggerCommand(ports, 'HTTP trigger', load),
    ],
  });
}
