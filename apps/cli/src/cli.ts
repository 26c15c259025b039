/**
 * The yargs program. `runCli` parses, runs one command and resolves to the
 * exit code; failures of the parser and of handlers both go through
 * reportFailure, the only renderer of errors.
 */
import type { KubelessError } from '@kubeless-ts/errors';
import yargs from 'yargs';
import type { Argv } from 'yargs';
import type { CliCommand } from './cli-command.js';
import { ExitCodes } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import type { GlobalArgs } from './global-args.js';
import type { CliPorts } from './ports/cli-ports.js';
import { failureFromParser, reportFailure } from './report-failure.js';
import { autoscaleCommand } from './commands/autoscale/autoscale.command.js';
import { completionCommand } from './commands/completion/completion.command.js';
import { functionCommand } from './commands/function/function.command.js';
import { getServerConfigCommand } from './commands/server-config/get-server-config.command.js';
import { topicCommand } from './commands/topic/topic.command.js';
import { triggerCommand } from './commands/trigger/trigger.command.js';
import { versionCommand } from './commands/version/version.command.js';

export const SCRIPT_NAME = 'kubeless';

export function commandTree(ports: CliPorts): CliCommand[] {
  return [
    functionCommand(ports),
    triggerCommand(ports),
    topicCommand(ports),
    autoscaleCommand(ports),
    getServerConfigCommand(ports),
    versionCommand(ports),
    completionCommand(ports, SCRIPT_NAME),
  ];
}

class ParserFailure extends Error {}

export interface BuildOptions {
  /** Help text width; the docs use a fixed one so the generated file does not depend on the terminal. */
  readonly wrap?: number | null;
}

/** A single-valued flag given twice keeps the last value (kubectl's rule) instead of turning into a list. */
function lastValueWins(program: () => Argv<GlobalArgs>) {
  return (argv: Record<string, unknown>): void => {
    // getOptions() exists at run time but is missing from @types/yargs 17.
    const lists = new Set((program() as unknown as { getOptions(): { array: string[] } }).getOptions().array);
    for (const [key, value] of Object.entries(argv)) {
      if (key !== '_' && Array.isArray(value) && !lists.has(key)) argv[key] = value[value.length - 1];
    }
  };
}

export function buildCli(ports: CliPorts, options: BuildOptions = {}): Argv<GlobalArgs> {
  const program: Argv<GlobalArgs> = yargs()
    .scriptName(SCRIPT_NAME)
    .usage('$0 <command> [options]\n\nKubernetes-native serverless functions (kubeless-ts).')
    .options({
      kubeconfig: {
        type: 'string',
        global: true,
        describe: 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)',
      },
      context: { type: 'string', global: true, describe: 'The kubeconfig context to use' },
      namespace: {
        alias: 'n',
        type: 'string',
        global: true,
        describe: 'Namespace (default: the context namespace, else default)',
      },
    })
    // Lists (--label, --env, ...) are repeatable but never swallow the next word.
    .parserConfiguration({ 'greedy-arrays': false })
    .middleware(
      lastValueWins(() => program),
      true,
    )
    .strict()
    .demandCommand(1, 'a command is required')
    .recommendCommands()
    .exitProcess(false)
    .version(false)
    // English messages whatever LANG says: scripts and the generated docs see the same text.
    .detectLocale(false)
    // Hidden: answers `--get-yargs-completions` for the scripts of `kubeless completion`.
    .completion('__completion', false)
    .help()
    .alias('help', 'h')
    .wrap(options.wrap === undefined ? Math.min(120, process.stdout.columns ?? 100) : options.wrap)
    .fail((message, error) => {
      // Rethrown so the one catch in runCli reports it; a parser message becomes a usage error there.
      throw error ?? new ParserFailure(message);
    });
  return commandTree(ports).reduce((built, command) => built.command(command.module), program);
}

/** The command the words name, as deep as they go (aliases included), with its usage line. */
function matchedCommand(tree: readonly CliCommand[], args: readonly string[]): { path: string; usage: string } {
  const path = [SCRIPT_NAME];
  let usage = SCRIPT_NAME;
  let level = tree;
  for (const word of args.filter((arg) => !arg.startsWith('-'))) {
    const found = level.find((command) => command.name === word || (command.module.aliases ?? []).includes(word));
    if (found === undefined) break;
    path.push(word);
    usage = `${path.slice(0, -1).join(' ')} ${String(found.module.command)}`;
    level = found.subcommands;
  }
  return { path: path.join(' '), usage };
}

function parserFailure(message: string, args: readonly string[], ports: CliPorts): KubelessError {
  const { path, usage } = matchedCommand(commandTree(ports), args);
  // yargs' wording says nothing about which argument; the usage line does.
  const text = message.startsWith('Not enough non-option arguments') ? `missing argument; usage: ${usage}` : message;
  return failureFromParser(text, path);
}

export async function runCli(args: readonly string[], ports: CliPorts, options: BuildOptions = {}): Promise<ExitCode> {
  try {
    let output = '';
    await buildCli(ports, options).parseAsync([...args], {}, (_error, _argv, text) => {
      output = text;
    });
    if (output !== '') ports.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return ExitCodes.OK;
  } catch (error: unknown) {
    return reportFailure(ports, error instanceof ParserFailure ? parserFailure(error.message, args, ports) : error);
  }
}
