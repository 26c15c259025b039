/**
 * A kubeconfig reader that needs no client-node, for short-lived programs
 * (the CLI): client-node's bundle takes ~0.4 s to load, longer than kubectl
 * takes for a whole `get`. It handles what most kubeconfigs hold (server,
 * CA, client certificate, bearer token or token file, TLS server name,
 * insecure-skip-tls-verify) with kubectl's file choice, merge and context
 * rules, and declines (returns undefined) everything else — exec and
 * auth-provider plugins, proxies, impersonation, basic auth, in-cluster —
 * so the caller falls back to the full loader.
 */
import { existsSync, readFileSync } from 'node:fs';
import type https from 'node:https';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { load } from 'js-yaml';
import { chooseKubeconfigSource, DEFAULT_SERVICE_ACCOUNT_DIR } from './kubeconfig-source.js';
import type { KubeconfigInfo, KubeconfigOptions } from './kubeconfig-loader.js';
import { TOKEN_FILE_PROVIDER } from './token-file-authenticator.js';

interface Named<T> {
  readonly name: string;
  readonly value: T;
  /** Directory of the file the entry came from: relative paths in it are relative to that file. */
  readonly base: string;
}

type Fields = Readonly<Record<string, unknown>>;

const CLUSTER_FIELDS = new Set([
  'server',
  'certificate-authority',
  'certificate-authority-data',
  'insecure-skip-tls-verify',
  'tls-server-name',
  'extensions',
]);
const USER_FIELDS = new Set([
  'client-certificate',
  'client-certificate-data',
  'client-key',
  'client-key-data',
  'token',
  'tokenFile',
  'extensions',
]);

export interface StaticCluster {
  readonly name: string;
  readonly server: string;
}

/** The two calls KubeConfigTransport makes on a client-node KubeConfig. */
export interface StaticCredentials {
  getCurrentCluster(): StaticCluster;
  applyToHTTPSOptions(options: https.RequestOptions): Promise<void>;
}

export interface StaticKubeconfig {
  readonly credentials: StaticCredentials;
  readonly info: KubeconfigInfo;
}

function record(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function text(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function entries(document: Fields, list: string, field: string, base: string): Named<Fields>[] {
  const items = document[list];
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    const entry = record(item);
    const name = entry === undefined ? undefined : text(entry, 'name');
    const value = entry === undefined ? undefined : record(entry[field]);
    return name === undefined || value === undefined ? [] : [{ name, value, base }];
  });
}

function onlyKnown(fields: Fields, known: ReadonlySet<string>): boolean {
  return Object.keys(fields).every((key) => known.has(key));
}

/** Bytes from `<key>-data` (base64) or the file `<key>` (relative to its kubeconfig). */
function material(entry: Named<Fields>, key: string): Buffer | undefined {
  const data = text(entry.value, `${key}-data`);
  if (data !== undefined) return Buffer.from(data, 'base64');
  const file = text(entry.value, key);
  return file === undefined ? undefined : readFileSync(isAbsolute(file) ? file : join(entry.base, file));
}

function resolvePath(entry: Named<Fields>, file: string): string {
  return isAbsolute(file) ? file : join(entry.base, file);
}

class StaticCredentialsImpl implements StaticCredentials {
  constructor(
    private readonly cluster: StaticCluster,
    private readonly tls: https.AgentOptions,
    private readonly token: () => string | undefined,
  ) {}

  getCurrentCluster(): StaticCluster {
    return this.cluster;
  }

  async applyToHTTPSOptions(options: https.RequestOptions): Promise<void> {
    Object.assign(options, this.tls);
    const token = this.token();
    if (token !== undefined) options.headers = { ...options.headers, Authorization: `Bearer ${token}` };
  }
}

function readDocuments(files: readonly string[]): Fields[] | undefined {
  const documents: Fields[] = [];
  for (const file of files) {
    try {
      const content = readFileSync(file, 'utf8');
      // Generated kubeconfigs are often JSON; JSON.parse is several times faster than the YAML parser.
      const document = record(content.trimStart().startsWith('{') ? JSON.parse(content) : load(content));
      if (document === undefined) return undefined;
      documents.push({ ...document, __base: dirname(file) });
    } catch {
      // The full loader reports unreadable files with their reason.
      return undefined;
    }
  }
  return documents;
}

function firstWins(documents: readonly Fields[], list: string, field: string): Map<string, Named<Fields>> {
  const merged = new Map<string, Named<Fields>>();
  for (const document of documents) {
    for (const entry of entries(document, list, field, String(document['__base'])))
      if (!merged.has(entry.name)) merged.set(entry.name, entry);
  }
  return merged;
}

function tokenSource(
  user: Named<Fields>,
  tokenFileOverride: string | undefined,
): (() => string | undefined) | undefined {
  if (tokenFileOverride !== undefined && tokenFileOverride !== '') {
    if (!existsSync(tokenFileOverride)) return undefined;
    return () => readFileSync(tokenFileOverride, 'utf8').trim();
  }
  // As in client-go, a token file wins over an inline token.
  const file = text(user.value, 'tokenFile');
  if (file !== undefined) {
    const path = resolvePath(user, file);
    return () => readFileSync(path, 'utf8').trim();
  }
  const token = text(user.value, 'token');
  return () => token;
}

/** Undefined whenever the full (client-node) loader should decide, including every error case. */
export function loadStaticKubeconfig(options: KubeconfigOptions = {}): StaticKubeconfig | undefined {
  const env = options.env ?? process.env;
  let source;
  try {
    source = chooseKubeconfigSource({
      explicitPath: options.kubeconfig,
      env,
      homeDir: options.homeDir ?? env['HOME'] ?? homedir(),
      serviceAccountDir: options.serviceAccountDir ?? DEFAULT_SERVICE_ACCOUNT_DIR,
      exists: existsSync,
    });
  } catch {
    return undefined;
  }
  if (source.kind !== 'files') return undefined;
  const documents = readDocuments(source.files);
  if (documents === undefined) return undefined;
  const currentContext = documents
    .map((document) => text(document, 'current-context'))
    .find((name) => name !== undefined);
  const contextName = options.context !== undefined && options.context !== '' ? options.context : currentContext;
  const context = contextName === undefined ? undefined : firstWins(documents, 'contexts', 'context').get(contextName);
  if (context === undefined) return undefined;
  const clusterName = text(context.value, 'cluster');
  const userName = text(context.value, 'user');
  const cluster = clusterName === undefined ? undefined : firstWins(documents, 'clusters', 'cluster').get(clusterName);
  const user =
    userName === undefined ? { name: '', value: {}, base: '' } : firstWins(documents, 'users', 'user').get(userName);
  if (
    cluster === undefined ||
    user === undefined ||
    !onlyKnown(cluster.value, CLUSTER_FIELDS) ||
    !onlyKnown(user.value, USER_FIELDS)
  )
    return undefined;
  const server = text(cluster.value, 'server');
  const tokenFileOverride = options.tokenFile ?? env['KUBELESS_TOKEN_FILE_PATH'];
  const overridden = tokenFileOverride !== undefined && tokenFileOverride !== '';
  const token = tokenSource(user, tokenFileOverride);
  if (server === undefined || token === undefined) return undefined;
  let tls: https.AgentOptions;
  try {
    tls = {
      ca: material(cluster, 'certificate-authority'),
      cert: material(user, 'client-certificate'),
      key: material(user, 'client-key'),
      rejectUnauthorized: cluster.value['insecure-skip-tls-verify'] !== true,
      servername: text(cluster.value, 'tls-server-name'),
    };
  } catch {
    return undefined;
  }
  const clean = Object.fromEntries(
    Object.entries(tls).filter(([, value]) => value !== undefined),
  ) as https.AgentOptions;
  const namespace = options.namespace || text(context.value, 'namespace') || 'default';
  const info: KubeconfigInfo = {
    source: source.origin,
    files: source.files,
    context: context.name,
    cluster: cluster.name,
    user: overridden ? TOKEN_FILE_PROVIDER : user.name,
    server: server.replace(/\/+$/, ''),
    namespace,
  };
  return { credentials: new StaticCredentialsImpl({ name: cluster.name, server }, clean, token), info };
}
