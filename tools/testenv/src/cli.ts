// `npm run testenv -- up|down|status`: the test environment by hand.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEnvironment, type Environment } from './environment.js';
import { readImageIndex } from './node/node.js';
import { cacheRoot } from './versions.js';

interface RunState {
  readonly pid: number;
  readonly kubeconfigPath: string;
  readonly brokers: string;
  readonly logsDir: string;
  readonly env: Record<string, string>;
}

const stateFile = join(cacheRoot(), 'run', 'testenv.json');
const log = (line: string) => process.stderr.write(`${line}\n`);

function readState(): RunState | undefined {
  if (!existsSync(stateFile)) return undefined;
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as RunState;
  try {
    process.kill(state.pid, 0);
    return state;
  } catch {
    rmSync(stateFile, { force: true });
    return undefined;
  }
}

function describe(state: Omit<RunState, 'pid' | 'env'>): string {
  return [
    `kubeconfig: ${state.kubeconfigPath}`,
    `kafka:      ${state.brokers || '(not started)'}`,
    `logs:       ${state.logsDir}`,
    '',
    'Use it:',
    `  export KUBECONFIG=${state.kubeconfigPath}`,
    `  export KAFKA_BROKERS=${state.brokers}`,
    '  kubectl get namespaces',
  ].join('\n');
}

async function foreground(args: readonly string[]): Promise<void> {
  const started = Date.now();
  const environment: Environment = await startEnvironment({
    kafka: !args.includes('--no-kafka'),
    progress: log,
    ...(args.includes('--node') ? { node: { images: builtImages() } } : {}),
  });
  const state: RunState = {
    pid: process.pid,
    kubeconfigPath: environment.controlPlane.kubeconfigPath,
    brokers: environment.env['KUBELESS_TS_KAFKA_BROKERS'] ?? '',
    logsDir: environment.env['KUBELESS_TS_LOGS_DIR'] ?? '',
    env: environment.env,
  };
  mkdirSync(dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  log(`[testenv] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.stdout.write(`${describe(state)}\n`);
  if (!args.includes('--detached-child')) log('\nCtrl-C stops everything.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('[testenv] stopping');
  await environment.stop();
  rmSync(stateFile, { force: true });
}

/** The images `npm run images` built, which the node's registry serves. */
function builtImages() {
  const index = join(cacheRoot(), 'images', 'index.json');
  if (!existsSync(index)) throw new Error(`--node needs the images built first: run \`npm run images\` (no ${index})`);
  return readImageIndex(index);
}

async function detached(args: readonly string[]): Promise<void> {
  if (readState()) {
    process.stdout.write(`${describe(readState() as RunState)}\n`);
    return;
  }
  const self = fileURLToPath(import.meta.url);
  // The supervisor must not hold our stdio open, or callers piping our output would wait on it.
  mkdirSync(dirname(stateFile), { recursive: true });
  const progressFile = join(dirname(stateFile), 'testenv-up.log');
  const fd = openSync(progressFile, 'w');
  const child = spawn(
    process.execPath,
    [...process.execArgv, self, 'up', '--detached-child', ...args.filter((a) => a !== '--detach')],
    {
      detached: true,
      stdio: ['ignore', 'ignore', fd],
    },
  );
  closeSync(fd);
  child.unref();
  const deadline = Date.now() + 30 * 60_000;
  let shown = 0;
  while (Date.now() < deadline) {
    const lines = readFileSync(progressFile, 'utf8').split('\n');
    for (const line of lines.slice(shown, -1)) log(line);
    shown = Math.max(shown, lines.length - 1);
    const state = readState();
    if (state && state.pid === child.pid) {
      process.stdout.write(`${describe(state)}\n`);
      return;
    }
    if (child.exitCode !== null) throw new Error('the test environment failed to start (see messages above)');
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('the test environment did not start within 30 minutes');
}

async function down(): Promise<void> {
  const state = readState();
  if (!state) {
    log('[testenv] not running');
    return;
  }
  process.kill(state.pid, 'SIGTERM');
  while (readState()) await new Promise((r) => setTimeout(r, 200));
  log('[testenv] stopped');
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'up':
      if (args.includes('--detach')) await detached(args);
      else await foreground(args);
      return 0;
    case 'down':
      await down();
      return 0;
    case 'status': {
      const state = readState();
      process.stdout.write(state ? `running (pid ${state.pid})\n${describe(state)}\n` : 'not running\n');
      return state ? 0 : 1;
    }
    case 'env': {
      const state = readState();
      if (!state) return 1;
      for (const [k, v] of Object.entries(state.env)) process.stdout.write(`export ${k}=${v}\n`);
      return 0;
    }
    default:
      log('usage: npm run testenv -- up [--detach] [--no-kafka] [--node] | down | status | env');
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`[testenv] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
