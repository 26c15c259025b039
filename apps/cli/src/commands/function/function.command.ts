import { groupCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import { callCommand } from './call.command.js';
import { deleteCommand } from './delete.command.js';
import { deployCommand } from './deploy.command.js';
import { describeCommand } from './describe.command.js';
import { listCommand } from './list.command.js';
import { logsCommand } from './logs.command.js';
import { topCommand } from './top.command.js';
import { updateCommand } from './update.command.js';

export function functionCommand(ports: CliPorts): CliCommand {
  return groupCommand({
    command: 'function',
    describe: 'Deploy, update, delete, list, describe, call and inspect functions',
    subcommands: [
      deployCommand(ports),
      updateCommand(ports),
      deleteCommand(ports),
      listCommand(ports),
      describeCommand(ports),
      callCommand(ports),
      logsCommand(ports),
      topCommand(ports),
    ],
  });
}
