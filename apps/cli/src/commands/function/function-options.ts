/** The deploy/update flags (names, aliases and defaults of the original). */
import type { Options } from 'yargs';
import { IMAGE_PULL_POLICIES } from './image-pull-policy.js';

// Repeatable; `greedy-arrays` is off (cli.ts), so `--label a=b hello` does not swallow the next word.
const list = (describe: string, alias?: string): Options => ({ type: 'string', array: true, describe, alias });

/** On update a flag left out keeps the stored value, so the defaults are only documented there, never applied. */
export function functionOptions(mode: 'deploy' | 'update') {
  const deploy = mode === 'deploy';
  return {
    runtime: {
      alias: 'r',
      type: 'string',
      describe: 'Runtime ID and version, e.g. nodejs24 or python3.11 (see `kubeless get-server-config`)',
    },
    handler: { type: 'string', describe: 'Function entry point, <module>.<function>; required with --runtime' },
    'from-file': {
      alias: 'f',
      type: 'string',
      describe: 'Function code: a local file or an http(s) URL; .zip and tar archives are detected',
    },
    dependencies: {
      alias: 'd',
      type: 'string',
      describe:
        'Dependency file (package.json, requirements.txt, ...): local file or URL; its content is stored in spec.deps',
    },
    label: list(
      deploy ? 'Labels, key=value or key:value; repeat or separate with commas' : 'Labels merged into the current ones',
      'l',
    ),
    env: list(
      deploy
        ? 'Environment variables of the function container, key=value or key:value'
        : 'Environment variables, key=value or key:value; replace the current list',
      'e',
    ),
    secrets: list(
      deploy
        ? 'Secrets mounted at /<secret> in the function container'
        : 'Secrets to mount at /<secret>, added to the current ones',
    ),
    'node-selectors': list(
      deploy
        ? 'Node selector of the pod, key=value or key:value'
        : 'Node selector of the pod, key=value or key:value; replaces the current one',
    ),
    'service-account': { type: 'string', describe: 'ServiceAccount of the function pod' },
    memory: { type: 'string', describe: 'Memory request and limit, e.g. 128Mi' },
    cpu: { type: 'string', describe: 'CPU request and limit, e.g. 100m' },
    'runtime-image': { type: 'string', describe: 'Custom image for the function container' },
    'image-pull-policy': {
      type: 'string',
      choices: IMAGE_PULL_POLICIES,
      describe: deploy ? 'Image pull policy (default Always)' : 'Image pull policy (unchanged when not given)',
    },
    timeout: {
      type: 'string',
      describe: deploy ? 'Seconds a call may run (default 180)' : 'Seconds a call may run (unchanged when not given)',
    },
    port: {
      type: 'number',
      describe: deploy
        ? 'Port the function listens on (default 8080)'
        : 'Port the function listens on (unchanged when not given)',
    },
    servicePort: { type: 'number', describe: 'Port of the Service (default: same as --port)' },
    headless: { type: 'boolean', describe: 'Headless Service (clusterIP: None)' },
  } as const satisfies Record<string, Options>;
}

export const writeOptions = {
  'dry-run': {
    type: 'string',
    describe:
      'client: print the objects; server: the API server validates them without storing (dryRun=All); none (default)',
  },
  dryrun: { type: 'boolean', hidden: true, describe: 'Deprecated: same as --dry-run=client' },
  output: {
    alias: ['o'],
    type: 'string',
    choices: ['json', 'yaml'],
    describe: 'Format of --dry-run output (default yaml)',
  },
  validate: {
    type: 'boolean',
    default: true,
    describe: 'Check the function before sending it; --validate=false leaves it to the API server',
  },
} as const satisfies Record<string, Options>;

export const waitOption = {
  wait: {
    type: 'string',
    describe: 'Wait until the function is Ready; optional timeout, e.g. --wait=2m (default 120s)',
  },
} as const satisfies Record<string, Options>;
