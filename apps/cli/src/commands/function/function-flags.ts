/** Adapts parsed deploy/update arguments to FunctionFlags (no I/O). */
import { parseKeyValues, parseList } from '../../args/key-values.js';
import { stringList } from '../../command-support.js';
import type { FunctionFlags } from './function-input.js';
import type { ImagePullPolicy } from './function-overlay.js';

export interface FunctionArgv {
  readonly runtime?: string;
  readonly handler?: string;
  readonly 'from-file'?: string;
  readonly dependencies?: string;
  readonly label?: unknown;
  readonly env?: unknown;
  readonly secrets?: unknown;
  readonly 'node-selectors'?: unknown;
  readonly 'service-account'?: string;
  readonly memory?: string;
  readonly cpu?: string;
  readonly 'runtime-image'?: string;
  readonly 'image-pull-policy'?: string;
  readonly timeout?: string;
  readonly port?: number;
  readonly servicePort?: number;
  readonly headless?: boolean;
}

const given = <T>(value: T | undefined, present: boolean): T | undefined => (present ? value : undefined);

export function functionFlags(argv: FunctionArgv): FunctionFlags {
  return {
    runtime: argv.runtime,
    handler: argv.handler,
    fromFile: argv['from-file'],
    dependencies: argv.dependencies,
    labels: given(parseKeyValues(stringList(argv.label)), argv.label !== undefined),
    env: given(parseKeyValues(stringList(argv.env)), argv.env !== undefined),
    secrets: given(parseList(stringList(argv.secrets)), argv.secrets !== undefined),
    nodeSelectors: given(parseKeyValues(stringList(argv['node-selectors'])), argv['node-selectors'] !== undefined),
    serviceAccount: argv['service-account'],
    memory: argv.memory,
    cpu: argv.cpu,
    runtimeImage: argv['runtime-image'],
    imagePullPolicy: argv['image-pull-policy'] as ImagePullPolicy | undefined,
    timeout: argv.timeout,
    port: argv.port,
    servicePort: argv.servicePort,
    headless: argv.headless,
  };
}
