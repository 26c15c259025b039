/**
 * Loads a kubeconfig the way kubectl does (see kubeconfig-source.ts for the
 * order), merges a KUBECONFIG list with kubectl's first-file-wins rule, applies
 * the --context override, the KUBELESS_TOKEN_FILE_PATH credential override
 * and resolves the namespace: explicit > context namespace > `default`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isIPv6 } from 'node:net';
import { dirname, isAbsolute, join } from 'node:path';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { load } from 'js-yaml';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { chooseKubeconfigSource, DEFAULT_SERVICE_ACCOUNT_DIR } from './kubeconfig-source.js';
import type { KubeconfigSource } from './kubeconfig-source.js';
import { TOKEN_FILE_PROVIDER, TokenFileAuthenticator, tokenFileUser } from './token-file-authenticator.js';

export interface KubeconfigOptions {
  /** `--kubeconfig`: wins over everything else and must exist. */
  readonly kubeconfig?: string;
  /** `--context`. */
  readonly context?: string;
  /** `-n/--namespace`. */
  readonly namespace?: string;
  /** Bearer token file replacing the credentials of the chosen context; defaults to KUBELESS_TOKEN_FILE_PATH. */
  readonly tokenFile?: string;
  /** Read at call time; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly homeDir?: string;
  readonly serviceAccountDir?: string;
}

export interface KubeconfigInfo {
  readonly source: 'flag' | 'KUBECONFIG' | 'home' | 'in-cluster';
  readonly files: readonly string[];
  readonly context: string;
  readonly cluster: string;
  readonly user: string;
  readonly server: string;
  readonly namespace: string;
}

export interface LoadedKubeconfig {
  readonly kubeConfig: KubeConfig;
  readonly info: KubeconfigInfo;
}

type KubeConfigClass = new () => KubeConfig;

function kubeconfigError(message: string, hint: string = ErrorCodes.KUBECONFIG.fix, cause?: unknown): KubelessError {
  return new KubelessError({ code: ErrorCodes.KUBECONFIG.code, message, hint, terminal: true, cause });
}

function firstWins<T extends { readonly name: string }>(into: Map<string, T>, entries: readonly T[]): void {
  for (const entry of entries) if (!into.has(entry.name)) into.set(entry.name, entry);
}

/**
 * kubectl's `tokenFile` user field (client-node reads only a `token-file` spelling, relative to the working
 * directory and once): such users get the re-reading token-file authenticator, with the path relative to
 * their kubeconfig. As in client-go, the file wins over an inline `token`.
 */
function withTokenFiles(file: string, users: readonly User[]): User[] {
  let document: unknown;
  try {
    document = load(readFileSync(file, 'utf8'));
  } catch {
    return [...users];
  }
  const listed: unknown =
    typeof document === 'object' && document !== null ? (document as Record<string, unknown>)['users'] : undefined;
  const paths = new Map<string, string>();
  for (const entry of Array.isArray(listed) ? listed : []) {
    const { name, user } = (typeof entry === 'object' && entry !== null ? entry : {}) as {
      name?: unknown;
      user?: unknown;
    };
    const tokenFile =
      typeof user === 'object' && user !== null ? (user as Record<string, unknown>)['tokenFile'] : undefined;
    if (typeof name === 'string' && typeof tokenFile === 'string' && tokenFile !== '')
      paths.set(name, isAbsolute(tokenFile) ? tokenFile : join(dirname(file), tokenFile));
  }
  return users.map((user) => {
    const path = paths.get(user.name);
    return path === undefined ? user : tokenFileUser(user.name, path);
  });
}

function mergeFiles(KubeConfigCtor: KubeConfigClass, files: readonly string[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  for (const file of files) {
    const one = new KubeConfigCtor();
    try {
      one.loadFromFile(file);
    } catch (error: unknown) {
      throw kubeconfigError(
        `cannot read kubeconfig ${file}: ${error instanceof Error ? error.message : String(error)}`,
        'Fix or remove that file.',
        error,
      );
    }
    if (currentContext === '') currentContext = one.getCurrentContext() ?? '';
    firstWins(clusters, one.getClusters());
    firstWins(users, withTokenFiles(file, one.getUsers()));
    firstWins(contexts, one.getContexts());
  }
  const merged = new KubeConfigCtor();
  merged.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
  return merged;
}

function inClusterConfig(
  KubeConfigCtor: KubeConfigClass,
  source: Extract<KubeconfigSource, { kind: 'in-cluster' }>,
): KubeConfig {
  const host = isIPv6(source.host) ? `[${source.host}]` : source.host;
  const namespaceFile = join(source.serviceAccountDir, 'namespace');
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : undefined;
  const config = new KubeConfigCtor();
  config.loadFromOptions({
    clusters: [
      {
        name: 'in-cluster',
        server: `https://${host}:${source.port}`,
        caFile: join(source.serviceAccountDir, 'ca.crt'),
        skipTLSVerify: false,
      },
    ],
    users: [tokenFileUser('in-cluster', join(source.serviceAccountDir, 'token'))],
    contexts: [
      {
        name: 'in-cluster',
        cluster: 'in-cluster',
        user: 'in-cluster',
        namespace: namespace === '' ? undefined : namespace,
      },
    ],
    currentContext: 'in-cluster',
  });
  return config;
}

function available(config: KubeConfig): string {
  const names = config.getContexts().map((context) => context.name);
  return names.length === 0 ? '(none)' : names.join(', ');
}

function selectContext(config: KubeConfig, override: string | undefined): Context {
  if (override !== undefined && override !== '') {
    const found = config.getContextObject(override);
    if (!found)
      throw kubeconfigError(
        `context ${override} not found; available: ${available(config)}`,
        'Pass one of the available contexts to --context.',
      );
    return found;
  }
  const current = config.getCurrentContext();
  if (!current)
    throw kubeconfigError(
      `the kubeconfig has no current-context; available: ${available(config)}`,
      'Pass --context, or run `kubectl config use-context <name>`.',
    );
  const found = config.getContextObject(current);
  if (!found)
    throw kubeconfigError(
      `current-context ${current} not found; available: ${available(config)}`,
      'Pass --context, or run `kubectl config use-context <name>`.',
    );
  return found;
}

function sourceFiles(source: KubeconfigSource): readonly string[] {
  return source.kind === 'files' ? source.files : [];
}

export async function loadKubeconfig(options: KubeconfigOptions = {}): Promise<LoadedKubeconfig> {
  const { KubeConfig: KubeConfigCtor } = await import('@kubernetes/client-node');
  const env = options.env ?? process.env;
  const source = chooseKubeconfigSource({
    explicitPath: options.kubeconfig,
    env,
    homeDir: options.homeDir ?? env['HOME'] ?? homedir(),
    serviceAccountDir: options.serviceAccountDir ?? DEFAULT_SERVICE_ACCOUNT_DIR,
    exists: existsSync,
  });
  const base =
    source.kind === 'files' ? mergeFiles(KubeConfigCtor, source.files) : inClusterConfig(KubeConfigCtor, source);
  const chosen = selectContext(base, options.context);
  const cluster = base.getCluster(chosen.cluster);
  if (!cluster)
    throw kubeconfigError(
      `context ${chosen.name} refers to cluster ${chosen.cluster}, which the kubeconfig does not define`,
      'Fix the context or add the cluster.',
    );

  const tokenFile = options.tokenFile ?? env['KUBELESS_TOKEN_FILE_PATH'];
  let users = base.getUsers();
  let context = chosen;
  if (tokenFile !== undefined && tokenFile !== '') {
    if (!existsSync(tokenFile))
      throw kubeconfigError(
        `token file ${tokenFile} (KUBELESS_TOKEN_FILE_PATH) does not exist`,
        'Fix KUBELESS_TOKEN_FILE_PATH or mount the token.',
      );
    const userName = TOKEN_FILE_PROVIDER;
    users = [...users.filter((user) => user.name !== userName), tokenFileUser(userName, tokenFile)];
    context = { ...chosen, user: userName };
  }
  const kubeConfig = new KubeConfigCtor();
  kubeConfig.loadFromOptions({
    clusters: base.getClusters(),
    users,
    contexts: [...base.getContexts().filter((entry) => entry.name !== context.name), context],
    currentContext: context.name,
  });
  kubeConfig.addAuthenticator(new TokenFileAuthenticator());
  const namespace = options.namespace || context.namespace || 'default';
  const info: KubeconfigInfo = {
    source: source.kind === 'files' ? source.origin : 'in-cluster',
    files: sourceFiles(source),
    context: context.name,
    cluster: cluster.name,
    user: context.user,
    server: cluster.server,
    namespace,
  };
  return { kubeConfig, info };
}
