// `npm start`: Kubeless with the examples, end to end, on real components.
//   npm start                  on a real node (containerd + kubelet), the chart installed as pods
//   npm start -- --keep        the same, then keep it running until Ctrl-C
//   npm start -- --process-host  the fallback for machines that cannot run containers:
//                              function pods run as local processes under a stand-in kubelet
import { nodeHostProblem, workspaceRoot } from '@kubeless-ts/testenv';
import { buildImages } from '@kubeless-ts/images';
import { startNodeStack } from './node-stack/node-stack.js';
import { runDemo, type DemoTarget } from './stack/demo.js';
import { startLocalStack } from './stack/local-stack.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);

interface RunningStack extends DemoTarget {
  readonly kind: 'node' | 'process-host';
  memoryMiB(): number;
  stop(): Promise<void>;
}

function instructions(stack: RunningStack): string {
  return [
    '',
    'The stack is running. In another shell:',
    `  export KUBECONFIG=${stack.kubeconfigPath}`,
    `  export KAFKA_BROKERS=${stack.brokers}`,
    ...(stack.gatewayUrl ? [`  export KUBELESS_GATEWAY=${stack.gatewayUrl}`] : []),
    `  alias kubeless='${stack.cli.join(' ')}'`,
    '  kubeless function ls; kubectl get nodes -o wide; kubectl get pods -A',
    `  curl -H 'Host: hello.kubeless.local' ${stack.ingressUrl}/greet`,
    '',
    'Ctrl-C stops everything.',
  ].join('\n');
}

async function startStack(args: readonly string[]): Promise<RunningStack> {
  const skipBuild = args.includes('--skip-build');
  const problem = nodeHostProblem();
  if (!args.includes('--process-host') && problem === undefined) {
    const stack = await startNodeStack({
      workspaceRoot,
      progress: note,
      skipBuild,
      buildImages: (progress) => buildImages({ progress }),
    });
    return { ...stack, kind: 'node' };
  }
  note(
    problem === undefined
      ? '[stack] --process-host: function pods run as local processes under the stand-in kubelet, not as containers'
      : `[stack] this machine cannot run a real node (${problem}); falling back to the process host: function pods run as local processes, not as containers`,
  );
  const stack = await startLocalStack({ workspaceRoot, progress: note, skipBuild });
  return {
    ...stack,
    ingressUrl: stack.gatewayUrl,
    kind: 'process-host',
    memoryMiB: () => stack.memoryMiB(),
    stop: () => stack.stop(),
  };
}

async function main(args: readonly string[]): Promise<number> {
  const keep = args.includes('--keep');
  const startedAt = Date.now();
  const stack = await startStack(args);
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
      say(
        `functions ran on: ${stack.kind === 'node' ? "a real node (containerd + kubelet), controllers as the chart's pods" : 'the process host (fallback)'}`,
      );
      say(`time from the command to the first successful call: ${(report.firstCallMs / 1000).toFixed(1)} s`);
      for (const s of report.steps) say(`  ${s.name}: ${(s.ms / 1000).toFixed(1)} s`);
      say(
        `function deploy to Ready: ${(report.deployToReadyMs.plain / 1000).toFixed(1)} s without dependencies, ${(report.deployToReadyMs.withDeps / 1000).toFixed(1)} s with`,
      );
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
