/** One controller app as its tests see it: its rbac/rules.yaml and its shipped bundle. */
import type { KubeClients } from '@kubeless-ts/k8s';
import { bundleApp } from './app-bundle.js';
import { controllerProcesses, type ControllerProcess } from './controller-process.js';
import { bindServiceAccount, rbacRules, type BoundServiceAccount, type RulesFile } from './controller-test-cluster.js';

export interface ControllerAppSource {
  /** The app's name, e.g. `http-trigger-controller`. */
  readonly name: string;
  /** The app's folder, holding rbac/rules.yaml. */
  readonly root: string;
  /** Builds main.mjs into a folder and resolves to its path; the workspace's Node bundler (`bundleApp`) when absent. */
  readonly bundle?: (outDir: string) => Promise<string>;
}

export interface ControllerApp {
  readonly name: string;
  rbacRules(): RulesFile;
  /** A ServiceAccount in `namespace` bound to exactly the app's rules. */
  bindServiceAccount(admin: KubeClients, namespace: string): Promise<BoundServiceAccount>;
  /** The bundle, built once per test run. */
  bundledMain(): Promise<string>;
  startControllerProcess(env: Readonly<Record<string, string>>): Promise<ControllerProcess>;
}

export function controllerApp(source: ControllerAppSource): ControllerApp {
  const processes = controllerProcesses(source.name, source.bundle ?? ((outDir) => bundleApp(source.name, outDir)));
  return {
    name: source.name,
    rbacRules: () => rbacRules(source.root),
    bindServiceAccount: (admin, namespace) => bindServiceAccount(admin, namespace, source.root),
    ...processes,
  };
}
