/** Where the end-to-end cases run, handed from the jest global setup to the specs. */
export const Providers = {
  LOCAL: 'local',
  /** A real node (containerd + kubelet) started here, with the chart installed on it. */
  NODE: 'node',
  CLUSTER: 'cluster',
} as const;
export type ProviderName = (typeof Providers)[keyof typeof Providers];

export interface E2eTarget {
  readonly provider: ProviderName;
  readonly workspaceRoot: string;
  readonly kubeconfigPath: string;
  /** Kafka bootstrap brokers reachable from this machine ('' when the target has none). */
  readonly brokers: string;
  /** `<gateway>/<namespace>/<function>`; without it calls go through the API server's service proxy. */
  readonly gatewayUrl?: string;
  /** Where Ingress hosts are served (the local gateway, or an ingress controller the user exposed). */
  readonly ingressUrl?: string;
  /** An address of this machine that the target's pods reach (URL-sourced functions are served there). */
  readonly hostAddress?: string;
  /** An image registry (`host:port`, plain HTTP) the target's nodes pull from and its pods push to; the node provider's local registry. */
  readonly registry?: string;
  /** argv prefix that runs the kubeless CLI. */
  readonly cli: readonly string[];
}

export interface RunningTarget {
  readonly target: E2eTarget;
  /** Resident memory of everything the provider started, when it can tell. */
  memoryMiB?(): number;
  stop(): Promise<void>;
}

/** The variable the global setup exports and every spec reads. */
export const TARGET_ENV = 'KUBELESS_E2E_TARGET';

export function encodeTarget(target: E2eTarget): string {
  return JSON.stringify(target);
}

const isString = (value: unknown): value is string => typeof value === 'string';

export function decodeTarget(text: string | undefined): E2eTarget {
  if (text === undefined || text === '') {
    throw new Error(
      `${TARGET_ENV} is not set: run the suite with \`npx nx run e2e:e2e\` (its jest global setup starts or connects the target)`,
    );
  }
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) throw new Error(`${TARGET_ENV} is not a JSON object`);
  const record = value as Record<string, unknown>;
  const provider = record['provider'];
  if (!Object.values(Providers).some((p) => p === provider))
    throw new Error(`${TARGET_ENV}: unknown provider ${String(provider)}`);
  for (const key of ['workspaceRoot', 'kubeconfigPath', 'brokers'] as const) {
    if (!isString(record[key])) throw new Error(`${TARGET_ENV}: ${key} must be a string`);
  }
  const cli = record['cli'];
  if (!Array.isArray(cli) || cli.length === 0 || !cli.every(isString))
    throw new Error(`${TARGET_ENV}: cli must be a non-empty list of strings`);
  return value as E2eTarget;
}
