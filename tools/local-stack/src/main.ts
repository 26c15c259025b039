// `npm start`: the local stack with the examples, end to end, on real components.
//   npm start              deploy the examples, show every trigger working, exit 0
//   npm start -- --keep    the same, then keep the stack running until Ctrl-C
import { workspaceRoot } from '@kubeless-ts/testenv';
import { runDemo } from './stack/demo.js';
import { startLocalStack, type LocalStack } from './stack/local-stack.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);

function instructions(stack: LocalStack): string {
  return [
    '',
    'The stack is running. In another shell:',
    `  export KUBECONFIG=${stack.kubeconfigPath}`,
    `  export KAFKA_BROKERS=${stack.brokers}`,
    `  export KUBELESS_GATEWAY=${stack.gatewayUrl}`,
    `  alias kubeless='${stack.cli.join(' ')}'`,
    '  kubeless function ls; kubectl get functions,pods -A',
    `  curl ${stack.gatewayUrl}/default/hello`,
    '',
    'Ctrl-C stops everything.',
  ].join('\n');
}

async function main(args: readonly string[]): Promise<number> {
  const keep = args.includes('--keep');
  const startedAt = Date.now();
  const stack = await startLocalStack({ workspaceRoot, progress: note, skipBuild: args.includes('--skip-build') });
  let interrupted = false;
  const stopOnSignal = new Promise<void>((resolve) => {
    const handler = () => {
      interrupted = true;
      resolve();
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  });
  try {
    const demo = runDemo(stack, { workspaceRoot, startedAt, say }).catch((error: unknown) => {
      // With --keep the stack stays up after a failed step, so a person can look at it.
      if (!keep) throw error;
      note(`[stack] the walk-through failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    const report = await Promise.race([demo, stopOnSignal.then(() => undefined)]);
    if (report) {
      say('\n== figures');
      say(`time from the command to the first successful call: ${(report.firstCallMs / 1000).toFixed(1)} s`);
      for (const s of report.steps) say(`  ${s.name}: ${(s.ms / 1000).toFixed(1)} s`);
      say(`memory of the whole stack (RSS): ${Math.round(stack.memoryMiB())} MiB`);
    }
    if (keep && !interrupted) {
      say(instructions(stack));
      await stopOnSignal;
    }
    return interrupted ? 130 : 0;
  } finally {
    note('[stack] stopping');
    await stack.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    note(`[stack] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
