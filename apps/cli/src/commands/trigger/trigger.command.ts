import { groupCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import { cronJobTriggerCommand } from './cronjob.command.js';
import { httpTriggerCommand } from './http.command.js';
import { kafkaTriggerCommand } from './kafka.command.js';

export function triggerCommand(ports: CliPorts): CliCommand {
  return groupCommand({
    command: 'trigger',
    describe: 'HTTP, cron job and Kafka triggers',
    subcommands: [httpTriggerCommand(ports), cronJobTriggerCommand(ports), kafkaTriggerCommand(ports)],
  });
}
