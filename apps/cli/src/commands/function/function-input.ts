/**
 * Turns deploy/update flags into FunctionChanges: reads the source and
 * dependency files, checks the runtime against the catalogue, the handler
 * shape and the quantities, so mistakes fail before anything is sent.
 */
import { handlerError, resolveRuntime } from '@kubeless-ts/api';
import type { RuntimeCatalogue } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { usageError } from '../../cli-errors.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import type { FunctionChanges } from './function-overlay.js';
import { readDependencies, readFunctionSource } from './function-source.js';

/** The deploy/update flags: the changes they make, with files named where the changes carry content. */
export interface FunctionFlags extends Omit<FunctionChanges, 'source' | 'deps'> {
  readonly fromFile?: string;
  readonly dependencies?: string;
}

const QUANTITY = /^(\d+(\.\d+)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE]\d+)?$/;

function checkQuantity(flag: string, value: string | undefined): void {
  if (value !== undefined && !QUANTITY.test(value)) {
    throw new KubelessError({
      code: ErrorCodes.VALIDATION.code,
      message: `${flag} ${value} is not a Kubernetes quantity`,
      hint: `Use a quantity such as ${flag === '--cpu' ? '100m or 0.5' : '128Mi or 1Gi'}.`,
      terminal: true,
    });
  }
}

function checkPort(flag: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 65535)) {
    throw usageError(`${flag} ${value} is not a port; expected a whole number from 1 to 65535`);
  }
}

/** `validate: false` (`--validate=false`) leaves the spec checks to the API server; usage checks stay. */
export function checkFlags(flags: FunctionFlags, catalogue: RuntimeCatalogue | undefined, validate = true): void {
  if (validate && flags.runtime !== undefined && catalogue !== undefined) resolveRuntime(catalogue, flags.runtime);
  if (validate && flags.handler !== undefined) {
    const error = handlerError(flags.handler);
    if (error !== undefined)
      throw new KubelessError({
        code: ErrorCodes.VALIDATION.code,
        message: `--handler: ${error}`,
        hint: 'Pass --handler <module>.<function>, e.g. --handler handler.hello.',
        terminal: true,
      });
  }
  if (flags.timeout !== undefined && !/^[1-9]\d*$/.test(flags.timeout))
    throw usageError(`--timeout ${flags.timeout} is not a timeout; expected a positive whole number of seconds`);
  checkPort('--port', flags.port);
  checkPort('--servicePort', flags.servicePort);
  checkQuantity('--memory', flags.memory);
  checkQuantity('--cpu', flags.cpu);
}

export async function functionChanges(
  ports: Pick<CliPorts, 'http' | 'readFile' | 'signal'>,
  flags: FunctionFlags,
): Promise<FunctionChanges> {
  const { fromFile, dependencies, ...rest } = flags;
  return {
    ...rest,
    source: fromFile === undefined ? undefined : await readFunctionSource(ports, fromFile),
    deps: dependencies === undefined ? undefined : await readDependencies(ports, dependencies),
  };
}
