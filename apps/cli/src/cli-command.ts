/**
 * A node of the command tree. Each command module is built from the ports by
 * a factory, so handlers reach the outside world only through them; the tree
 * is also what docs/reference/cli.md is generated from.
 */
import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs } from './global-args.js';
import type { CliPorts } from './ports/cli-ports.js';

export interface CliCommand {
  /** First word of `command`, e.g. `deploy` for `deploy <name>`. */
  readonly name: string;
  readonly module: CommandModule<GlobalArgs, object>;
  readonly subcommands: readonly CliCommand[];
}

export type CommandFactory = (ports: CliPorts) => CliCommand;

export function leafCommand<U extends object>(module: CommandModule<GlobalArgs, U>): CliCommand {
  const command = Array.isArray(module.command) ? String(module.command[0]) : String(module.command ?? '');
  return {
    name: command.split(' ')[0] ?? command,
    module: module as unknown as CommandModule<GlobalArgs, object>,
    subcommands: [],
  };
}

/** A command that only groups subcommands; calling it alone is a usage error that names them. */
export function groupCommand(options: {
  readonly command: string;
  readonly aliases?: readonly string[];
  readonly describe: string;
  readonly subcommands: readonly CliCommand[];
}): CliCommand {
  const module: CommandModule<GlobalArgs, object> = {
    command: options.command,
    aliases: options.aliases ? [...options.aliases] : undefined,
    describe: options.describe,
    builder: (yargs: Argv<GlobalArgs>) =>
      options.subcommands
        .reduce((built, sub) => built.command(sub.module), yargs)
        .demandCommand(
          1,
          `kubeless ${options.command} needs a subcommand: ${options.subcommands.map((sub) => sub.name).join(', ')}`,
        ),
    handler: () => undefined,
  };
  return { name: options.command, module, subcommands: options.subcommands };
}
