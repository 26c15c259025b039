/**
 * Two kubeconfig readers exist on purpose (static-kubeconfig.ts spares short-lived programs client-node's
 * load time); this spec holds them to one behaviour: wherever the static reader answers, the full loader
 * answers the same, and where it declines the full loader still loads.
 */
import { delimiter } from 'node:path';
import type https from 'node:https';
import { TempDir } from '../test/kubeconfig-fixtures.js';
import { loadKubeconfig } from './kubeconfig-loader.js';
import type { KubeconfigOptions } from './kubeconfig-loader.js';
import { loadStaticKubeconfig } from './static-kubeconfig.js';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

interface Entry {
  readonly name: string;
  readonly cluster?: Record<string, unknown>;
  readonly user?: Record<string, unknown>;
  readonly namespace?: string;
}

function kubeconfig(entries: readonly Entry[], currentContext?: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    ...(currentContext === undefined ? {} : { 'current-context': currentContext }),
    clusters: entries.map((entry) => ({
      name: entry.name,
      cluster: { server: `https://${entry.name}.example:6443`, ...entry.cluster },
    })),
    users: entries.map((entry) => ({ name: entry.name, user: entry.user ?? { token: `token-of-${entry.name}` } })),
    contexts: entries.map((entry) => ({
      name: entry.name,
      context: {
        cluster: entry.name,
        user: entry.name,
        ...(entry.namespace === undefined ? {} : { namespace: entry.namespace }),
      },
    })),
  });
}

interface Case {
  readonly title: string;
  /** Writes the fixture files; returns the options both readers get. */
  readonly setup: (dir: TempDir) => KubeconfigOptions;
  /** Whether the static reader is expected to answer (else it must decline). */
  readonly staticAnswers: boolean;
}

const cases: readonly Case[] = [
  {
    title: 'client certificate and CA as data, namespace from the context',
    setup: (dir) => ({
      kubeconfig: dir.write(
        'a.json',
        kubeconfig(
          [
            {
              name: 'a',
              namespace: 'team',
              cluster: { 'certificate-authority-data': b64('CA') },
              user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') },
            },
          ],
          'a',
        ),
      ),
    }),
    staticAnswers: true,
  },
  {
    title: 'certificate files relative to the kubeconfig',
    setup: (dir) => {
      dir.write('certs/ca.crt', 'CA-FILE');
      dir.write('certs/client.crt', 'CERT-FILE');
      dir.write('certs/client.key', 'KEY-FILE');
      return {
        kubeconfig: dir.write(
          'b.json',
          kubeconfig(
            [
              {
                name: 'b',
                cluster: { 'certificate-authority': 'certs/ca.crt' },
                user: { 'client-certificate': 'certs/client.crt', 'client-key': 'certs/client.key' },
              },
            ],
            'b',
          ),
        ),
      };
    },
    staticAnswers: true,
  },
  {
    title: 'an inline token with TLS verification off and a TLS server name',
    setup: (dir) => ({
      kubeconfig: dir.write(
        'c.json',
        kubeconfig(
          [
            {
              name: 'c',
              cluster: { 'insecure-skip-tls-verify': true, 'tls-server-name': 'api.internal' },
              user: { token: 'abc' },
            },
          ],
          'c',
        ),
      ),
    }),
    staticAnswers: true,
  },
  {
    title: 'a token file relative to the kubeconfig',
    setup: (dir) => {
      dir.write('token.txt', 'from-file\n');
      return { kubeconfig: dir.write('d.json', kubeconfig([{ name: 'd', user: { tokenFile: 'token.txt' } }], 'd')) };
    },
    staticAnswers: true,
  },
  {
    title: 'a token file beside an inline token (the file wins, as in client-go)',
    setup: (dir) => {
      dir.write('nested/token.txt', 'file-token\n');
      return {
        kubeconfig: dir.write(
          'nested/d2.json',
          kubeconfig([{ name: 'd2', user: { token: 'inline', tokenFile: 'token.txt' } }], 'd2'),
        ),
      };
    },
    staticAnswers: true,
  },
  {
    title: 'a KUBECONFIG list: first file wins for each name and for current-context',
    setup: (dir) => {
      const first = dir.write(
        'first.json',
        kubeconfig([{ name: 'shared', namespace: 'from-first' }, { name: 'only-first' }]),
      );
      const second = dir.write(
        'second.json',
        kubeconfig(
          [{ name: 'shared', namespace: 'from-second', user: { token: 'second' } }, { name: 'only-second' }],
          'shared',
        ),
      );
      return { env: { KUBECONFIG: [dir.path('missing.json'), first, second].join(delimiter) } };
    },
    staticAnswers: true,
  },
  {
    title: '--context and --namespace overrides',
    setup: (dir) => ({
      kubeconfig: dir.write(
        'e.json',
        kubeconfig(
          [
            { name: 'one', namespace: 'x' },
            { name: 'two', namespace: 'y' },
          ],
          'one',
        ),
      ),
      context: 'two',
      namespace: 'override',
    }),
    staticAnswers: true,
  },
  {
    title: 'the KUBELESS_TOKEN_FILE_PATH credential override',
    setup: (dir) => ({
      kubeconfig: dir.write('f.json', kubeconfig([{ name: 'f', user: { token: 'ignored' } }], 'f')),
      env: { KUBELESS_TOKEN_FILE_PATH: dir.write('override.txt', 'override\n') },
    }),
    staticAnswers: true,
  },
  {
    title: 'an exec credential plugin (the static reader leaves it to client-node)',
    setup: (dir) => ({
      kubeconfig: dir.write(
        'g.json',
        kubeconfig(
          [
            {
              name: 'g',
              user: {
                exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'true', interactiveMode: 'Never' },
              },
            },
          ],
          'g',
        ),
      ),
    }),
    staticAnswers: false,
  },
  {
    title: 'basic auth (declined by the static reader)',
    setup: (dir) => ({
      kubeconfig: dir.write('h.json', kubeconfig([{ name: 'h', user: { username: 'u', password: 'p' } }], 'h')),
    }),
    staticAnswers: false,
  },
];

/** What a request gets from a reader: TLS material and the Authorization header. */
async function requestOptions(credentials: {
  applyToHTTPSOptions(options: https.RequestOptions): Promise<void>;
}): Promise<Record<string, unknown>> {
  const options: https.RequestOptions = { headers: {} };
  await credentials.applyToHTTPSOptions(options);
  const text = (value: unknown): string | undefined =>
    value === undefined ? undefined : Buffer.from(value as Buffer | string).toString();
  return {
    ca: text(options.ca),
    cert: text(options.cert),
    key: text(options.key),
    rejectUnauthorized: options.rejectUnauthorized ?? true,
    servername: options.servername,
    authorization: (options.headers as Record<string, unknown>)['Authorization'],
  };
}

describe('the static kubeconfig reader and the client-node loader agree', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
  });
  afterEach(() => dir.remove());

  it.each(cases)('$title', async ({ setup, staticAnswers }) => {
    const options: KubeconfigOptions = {
      homeDir: dir.path('home'),
      serviceAccountDir: dir.path('sa'),
      env: {},
      ...setup(dir),
    };
    const full = await loadKubeconfig(options);
    const quick = loadStaticKubeconfig(options);
    if (!staticAnswers) {
      expect(quick).toBeUndefined();
      return;
    }
    expect(quick).toBeDefined();
    if (quick === undefined) return;
    expect(quick.info).toEqual({ ...full.info, server: full.info.server.replace(/\/+$/, '') });
    expect(quick.credentials.getCurrentCluster().server).toBe(full.kubeConfig.getCurrentCluster()?.server);
    expect(await requestOptions(quick.credentials)).toEqual(await requestOptions(full.kubeConfig));
  });
});
