import { leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { print } from '../../command-support.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import { COMPLETION_SHELLS, completionScript } from './completion-scripts.js';

export function completionCommand(ports: CliPorts, program: string): CliCommand {
  return leafCommand({
    command: 'completion <shell>',
    describe: 'Print a shell completion script (bash, zsh, fish or powershell)',
    builder: (yargs) =>
      yargs
        .positional('shell', { type: 'string', choices: COMPLETION_SHELLS, demandOption: true, describe: 'Shell' })
        .example('source <($0 completion bash)', 'Enable completion in the current bash')
        .example(
          '$0 completion powershell | Out-String | Invoke-Expression',
          'Enable completion in the current PowerShell (7.3+)',
        ),
    handler: (argv) => {
      print(ports, completionScript(argv.shell, program));
    },
  });
}
