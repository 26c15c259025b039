// Init-container entry point (also run by the local function host): installs the
// function's package.json deps into $KUBELESS_INSTALL_VOLUME/node_modules.
import { spawn } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InstallConfigError, planNpmInstall } from './npm-install-plan.js';

async function main(): Promise<number> {
  const plan = planNpmInstall(process.env);
  if (plan.copyDepsFrom) await copyFile(plan.copyDepsFrom, join(plan.installVolume, 'package.json'));
  console.log(`npm ${plan.args.join(' ')}`);
  return new Promise<number>((resolve, reject) => {
    const child = spawn(plan.command, [...plan.args], { cwd: plan.installVolume, stdio: 'inherit', shell: false });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof InstallConfigError ? `invalid install settings: ${error.message}` : error);
    process.exit(2);
  },
);
