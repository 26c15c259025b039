/**
 * The setup every controller integration spec shares, as Jest hooks of the describe block that calls
 * `useControllerCluster`: admin clients, the kubeless CRDs, a controller namespace (Lease, kubeless-config)
 * with a ServiceAccount bound to the app's rules; after all, every controller started is stopped, every
 * process killed and every namespace made deleted, in that order, whatever the spec's own hooks do.
 */
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import type { ControllerApp } from './controller-app.js';
import type { ControllerProcess } from './controller-process.js';
import {
  adminClients,
  createNamespace,
  installKubelessCrds,
  type BoundServiceAccount,
} from './controller-test-cluster.js';

export interface ControllerClusterOptions {
  /** The admin clients' field manager, naming the spec, e.g. `http-trigger-restart-int`. */
  readonly admin: string;
  /** Prefix of the namespaces made: `<prefix>-ctl` for the controller's. */
  readonly prefix: string;
}

export interface ControllerCluster {
  readonly app: ControllerApp;
  readonly prefix: string;
  readonly admin: KubeClients;
  /** Where the Lease, kubeless-config and the ServiceAccount live. */
  readonly controllerNamespace: string;
  readonly account: BoundServiceAccount;
  /** A new namespace, deleted after all. */
  namespace(prefix: string): Promise<string>;
  /**
   * A new namespace the controller serves: kubeless-config in the controller namespace names it as
   * `functions-namespace`, with `config` besides, for a controller process to read as in a cluster.
   */
  servedNamespace(prefix: string, config?: Readonly<Record<string, string>>): Promise<string>;
  /** The app's bundle as a real process, as the ServiceAccount, configured from the controller namespace; killed after all. */
  startProcess(env?: Readonly<Record<string, string>>): Promise<ControllerProcess>;
  /** Runs `stop` after all, before the ServiceAccount and namespaces go (latest first); it may have run already. */
  onTeardown(stop: () => Promise<void>): void;
}

interface Setup {
  readonly admin: KubeClients;
  readonly controllerNamespace: string;
  readonly account: BoundServiceAccount;
}

export function useControllerCluster(app: ControllerApp, options: ControllerClusterOptions): ControllerCluster {
  let setup: Setup | undefined;
  const namespaces: string[] = [];
  const processes: ControllerProcess[] = [];
  const teardowns: (() => Promise<void>)[] = [];
  const ready = (): Setup => {
    if (setup === undefined) throw new Error(`the ${app.name} test cluster is set up in beforeAll; use it in a test`);
    return setup;
  };

  beforeAll(async () => {
    const admin = await adminClients(options.admin);
    await installKubelessCrds(admin);
    const controllerNamespace = await createNamespace(admin, `${options.prefix}-ctl`);
    namespaces.push(controllerNamespace);
    setup = { admin, controllerNamespace, account: await app.bindServiceAccount(admin, controllerNamespace) };
  });

  afterAll(async () => {
    for (const stop of teardowns.reverse()) await stop();
    for (const running of processes) await running.kill('SIGKILL');
    await setup?.account.remove();
    for (const name of namespaces) await setup?.admin.namespaces.delete(name, { ignoreNotFound: true });
  });

  const namespace = async (prefix: string): Promise<string> => {
    const name = await createNamespace(ready().admin, prefix);
    namespaces.push(name);
    return name;
  };

  return {
    app,
    prefix: options.prefix,
    get admin() {
      return ready().admin;
    },
    get controllerNamespace() {
      return ready().controllerNamespace;
    },
    get account() {
      return ready().account;
    },
    namespace,
    async servedNamespace(prefix, config = {}) {
      const { admin, controllerNamespace } = ready();
      const name = await namespace(prefix);
      await admin.configMaps.create({
        metadata: { name: 'kubeless-config', namespace: controllerNamespace },
        data: { 'functions-namespace': name, ...config },
      });
      return name;
    },
    async startProcess(env = {}) {
      const { account, controllerNamespace } = ready();
      const running = await app.startControllerProcess({
        KUBECONFIG: sharedEnvironment().kubeconfigPath,
        KUBELESS_TOKEN_FILE_PATH: account.tokenFile,
        KUBELESS_NAMESPACE: controllerNamespace,
        ...env,
      });
      processes.push(running);
      return running;
    },
    onTeardown(stop) {
      teardowns.push(stop);
    },
  };
}
