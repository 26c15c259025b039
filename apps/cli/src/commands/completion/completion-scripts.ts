/**
 * Shell completion scripts. Each one asks the CLI itself for candidates
 * (`kubeless --get-yargs-completions <words>`), so they never go stale when
 * commands or flags change.
 */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

export function completionScript(shell: CompletionShell, program: string): string {
  const fn = `_${program.replace(/[^a-zA-Z0-9_]/g, '_')}_completions`;
  switch (shell) {
    case 'bash':
      return [
        `# bash completion for ${program}: source <(${program} completion bash)`,
        `${fn}() {`,
        '  local cur="${COMP_WORDS[COMP_CWORD]}"',
        "  local IFS=$'\\n'",
        `  COMPREPLY=( $(compgen -W "$(${program} --get-yargs-completions "\${COMP_WORDS[@]:0:COMP_CWORD+1}" 2>/dev/null)" -- "$cur") )`,
        '}',
        `complete -o bashdefault -o default -F ${fn} ${program}`,
        '',
      ].join('\n');
    case 'zsh':
      return [
        `#compdef ${program}`,
        `# zsh completion for ${program}: source <(${program} completion zsh)`,
        `${fn}() {`,
        '  local -a reply',
        `  reply=(\${(f)"$(SHELL=zsh ${program} --get-yargs-completions "\${words[@]:0:CURRENT}" 2>/dev/null)"})`,
        "  _describe 'values' reply",
        '}',
        `compdef ${fn} ${program}`,
        '',
      ].join('\n');
    case 'fish':
      return [
        `# fish completion for ${program}: ${program} completion fish | source`,
        `function __${fn}`,
        `    ${program} --get-yargs-completions (commandline -opc) (commandline -ct) 2>/dev/null | string replace -r ':.*' ''`,
        'end',
        `complete -c ${program} -f -a '(__${fn})'`,
        '',
      ].join('\n');
    case 'powershell':
      // The words up to the cursor, plus an empty current word when the cursor is after a space
      // (PowerShell 7.3+ passes empty strings to native commands as arguments).
      return [
        `# PowerShell completion for ${program}: ${program} completion powershell | Out-String | Invoke-Expression`,
        `Register-ArgumentCompleter -Native -CommandName '${program}' -ScriptBlock {`,
        '    param($wordToComplete, $commandAst, $cursorPosition)',
        '    $words = @($commandAst.CommandElements | Where-Object { $_.Extent.StartOffset -lt $cursorPosition } | ForEach-Object { $_.Extent.Text })',
        "    if ($wordToComplete -eq '') { $words += '' }",
        `    & '${program}' --get-yargs-completions @words 2>$null | ForEach-Object {`,
        "        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)",
        '    }',
        '}',
        '',
      ].join('\n');
  }
}
