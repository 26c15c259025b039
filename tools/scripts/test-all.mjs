#!/usr/bin/env node
// `npm test`: every check of the repository, in the order that fails fastest.
//  1. lint, typecheck and unit tests of every project (no external components);
//  2. one real test environment (kube-apiserver + etcd + controller-manager +
//     scheduler + Kafka), shared by the integration specs of every project;
//  3. a one-line summary that CI and people can read.
// Flags: --unit-only, --integration-only, --projects=a,b (passed to nx).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

const root = join(import.meta.dirname, '..', '..');
const resultsDir = join(root, 'tmp', 'jest-results');
const args = process.argv.slice(2);
const projects = args.find((a) => a.startsWith('--projects='))?.slice('--projects='.length);
const log = (line) => process.stderr.write(`${line}\n`);
const began = Date.now();
// Each stage's heading says when it started, so a slow run shows which stage grew.
const stage = (title) => log(`== ${title} (at ${Math.round((Date.now() - began) / 1000)} s)`);

function run(command, commandArgs, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function nx(targets, parallel, env) {
  const selection = projects
    ? ['run-many', '-t', ...targets, `--projects=${projects}`]
    : ['run-many', '-t', ...targets];
  return run('npx', ['nx', ...selection, `--parallel=${parallel}`, '--outputStyle=stream', '--skip-nx-cache'], env);
}

function summary() {
  let passed = 0;
  let failed = 0;
  let suites = 0;
  const failures = [];
  if (existsSync(resultsDir)) {
    for (const file of readdirSync(resultsDir)) {
      const result = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
      passed += result.numPassedTests;
      failed += result.numFailedTests;
      suites += result.numTotalTestSuites;
      failures.push(...(result.failures ?? []));
    }
  }
  return { passed, failed, suites, failures };
}

async function main() {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const env = { ...process.env, KUBELESS_TS_JEST_RESULTS: resultsDir };
  let failures = 0;

  if (!args.includes('--integration-only')) {
    stage('format (prettier --check; `npm run format` fixes it)');
    failures += (await run('npx', ['prettier', '--check', '.', '--log-level', 'warn'])) === 0 ? 0 : 1;
    stage('lint, typecheck, unit tests');
    failures += (await nx(['lint', 'typecheck', 'test'], 2, env)) === 0 ? 0 : 1;
  }

  if (!args.includes('--unit-only')) {
    stage('integration tests against a real kube-apiserver, etcd and Kafka');
    register();
    const { startEnvironment } = await import('../testenv/src/environment.ts');
    const started = Date.now();
    const environment = await startEnvironment({ progress: log });
    log(`[testenv] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const stop = () => environment.stop();
    process.once('SIGINT', () => void stop().then(() => process.exit(130)));
    process.once('SIGTERM', () => void stop().then(() => process.exit(143)));
    try {
      failures += (await nx(['integration'], 1, { ...env, ...environment.env })) === 0 ? 0 : 1;
    } finally {
      await stop();
    }
  }

  const { passed, failed, suites, failures: failedTests } = summary();
  // Repeated at the end: a log cut to its tail still says what failed and why.
  for (const { file, test, message } of failedTests) {
    log(`\n== FAILED ${file} › ${test}\n${message}`);
  }
  log(`\n== ${suites} jest suites in ${Math.round((Date.now() - began) / 1000)} s`);
  // The plain closing line CI reads.
  console.log(`Summary: ${passed} passed, ${failed} failed`);
  if (passed === 0) {
    log('no test ran: that is a failure');
    return 1;
  }
  return failures === 0 && failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
