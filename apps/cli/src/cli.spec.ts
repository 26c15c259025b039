import { runCli } from './cli.js';
import { fakePorts } from './testing/fake-ports.js';

describe('kubeless program', () => {
  it('prints help on stdout and exits 0', async () => {
    const ports = fakePorts();
    expect(await runCli(['--help'], ports)).toBe(0);
    expect(ports.out()).toContain('kubeless function');
    expect(ports.err()).toBe('');
  });

  it('needs a command (usage, exit 2)', async () => {
    const ports = fakePorts();
    expect(await runCli([], ports)).toBe(2);
    expect(ports.err()).toBe('Error KBL_ERR_USAGE: a command is required\nHint: See `kubeless --help`.\n');
    expect(ports.out()).toBe('');
  });

  it('recommends a command for a typo', async () => {
    const ports = fakePorts();
    expect(await runCli(['functon'], ports)).toBe(2);
    expect(ports.err()).toContain('Did you mean function?');
  });

  it('names the subcommands of a group called alone', async () => {
    const ports = fakePorts();
    expect(await runCli(['trigger', 'http'], ports)).toBe(2);
    expect(ports.err()).toContain('kubeless http needs a subcommand: create, update, delete, list');
  });

  it('names the usage when an argument is missing', async () => {
    const ports = fakePorts();
    expect(await runCli(['function', 'deploy', '--runtime', 'nodejs20'], ports)).toBe(2);
    expect(ports.err()).toBe(
      'Error KBL_ERR_USAGE: missing argument; usage: kubeless function deploy <name>\nHint: See `kubeless function deploy --help`.\n',
    );
  });

  it('rejects unknown flags', async () => {
    const ports = fakePorts();
    expect(await runCli(['function', 'ls', '--bogus'], ports)).toBe(2);
    expect(ports.err()).toContain('Unknown argument: bogus');
  });

  it('renders a typed failure with code and hint, exit 1, no stack trace', async () => {
    const ports = fakePorts({ namespace: 'team' });
    expect(await runCli(['function', 'describe', 'missing'], ports)).toBe(1);
    expect(ports.err()).toBe(
      'Error KBL_ERR_FUNCTION_NOT_FOUND: Function missing is not found in namespace team\nHint: Run `kubeless function ls -n team` to see the functions there.\n',
    );
    expect(ports.err()).not.toContain('    at ');
  });

  it('wraps an unexpected error as internal without a stack trace', async () => {
    const ports = fakePorts();
    ports.cluster.functions.listAll = async () => {
      throw new TypeError('boom');
    };
    expect(await runCli(['function', 'ls'], ports)).toBe(1);
    expect(ports.err()).toBe('Error KBL_ERR_INTERNAL: boom\n');
  });

  it('says only "Interrupted" when the run was cancelled', async () => {
    const ports = fakePorts();
    const controller = new AbortController();
    controller.abort(new Error('interrupted by SIGINT'));
    expect(await runCli(['function', 'describe', 'x'], { ...ports, signal: controller.signal })).toBe(1);
    expect(ports.err()).toBe('Interrupted\n');
  });

  it('colours only at a terminal', async () => {
    const ports = fakePorts();
    const tty = { ...ports, stderr: { write: ports.stderr.write, isTTY: true } };
    await runCli(['function', 'describe', 'x'], tty);
    expect(ports.err()).toContain('\u001b[31mError\u001b[0m');
  });

  it('passes kubeconfig, context and namespace to the connection', async () => {
    const ports = fakePorts();
    await runCli(['function', 'ls', '--kubeconfig', '/k', '--context', 'c', '-n', 'ns'], ports);
    expect(ports.connections).toEqual([{ kubeconfig: '/k', context: 'c', namespace: 'ns' }]);
  });

  it('repeatable flags accumulate without swallowing the next word; single flags keep the last value', async () => {
    const ports = fakePorts();
    ports.files.set('h.js', Buffer.from('x'));
    const args = [
      'function',
      'deploy',
      '--label',
      'a=1',
      'hello',
      '-l',
      'b:2',
      '-r',
      'nodejs20',
      '--handler',
      'h.f',
      '-f',
      'h.js',
      '--timeout',
      '5',
      '--timeout',
      '9',
    ];
    expect(await runCli(args, ports)).toBe(0);
    const fn = await ports.cluster.functions.get('hello', { namespace: 'default' });
    expect(fn.metadata.labels).toMatchObject({ a: '1', b: '2' });
    expect(fn.spec.timeout).toBe('9');
  });

  it('prints the version', async () => {
    const ports = fakePorts();
    expect(await runCli(['version'], ports)).toBe(0);
    expect(ports.out()).toBe('Kubeless version: dev\n');
  });

  it.each(['bash', 'zsh', 'fish', 'powershell'])('prints a %s completion script that asks the CLI', async (shell) => {
    const ports = fakePorts();
    expect(await runCli(['completion', shell], ports)).toBe(0);
    expect(ports.out()).toMatch(/kubeless'? --get-yargs-completions/);
  });

  it('registers a native PowerShell argument completer that passes the words up to the cursor', async () => {
    const ports = fakePorts();
    expect(await runCli(['completion', 'powershell'], ports)).toBe(0);
    expect(ports.out()).toContain("Register-ArgumentCompleter -Native -CommandName 'kubeless' -ScriptBlock {");
    expect(ports.out()).toContain("& 'kubeless' --get-yargs-completions @words");
    // After `kubeless function ` the script passes an empty current word.
    const answer = fakePorts();
    expect(await runCli(['--get-yargs-completions', 'kubeless', 'function', ''], answer)).toBe(0);
    expect(answer.out().split('\n')).toEqual(expect.arrayContaining(['deploy', 'list', 'logs']));
  });

  it('answers completion requests from the scripts on stdout', async () => {
    const ports = fakePorts();
    expect(await runCli(['--get-yargs-completions', 'kubeless', 'function', 'de'], ports)).toBe(0);
    expect(ports.out().split('\n')).toEqual(expect.arrayContaining(['deploy', 'delete', 'describe']));
  });

  it('refuses an unknown completion shell', async () => {
    const ports = fakePorts();
    expect(await runCli(['completion', 'tcsh'], ports)).toBe(2);
    expect(ports.err()).toContain('Invalid values');
  });
});
