import { execFile } from 'node:child_process';
import { ReleaseError } from './release-error.js';
import type { ReleaseStep } from './release-error.js';

export interface ToolRun {
  readonly step: ReleaseStep;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
}

/** Runs one external tool (node, helm, skopeo, cyclonedx-npm, syft); a failure carries the end of its stderr. */
export function runTool(run: ToolRun): Promise<string> {
  return new Promise((resolve, reject) => {
    const options = { cwd: run.cwd, env: run.env ?? process.env, maxBuffer: 64 * 1024 * 1024, signal: run.signal };
    execFile(run.command, [...run.args], options, (error, stdout, stderr) => {
      if (error === null) {
        resolve(stdout);
        return;
      }
      const output = `${stderr}`.trim().split('\n').slice(-15).join('\n');
      reject(
        new ReleaseError({
          step: run.step,
          message: `${run.command} ${run.args.join(' ')} failed: ${output || error.message}`,
          hint: 'Fix what the tool reports and run npm run release again.',
          cause: error,
        }),
      );
    });
  });
}
