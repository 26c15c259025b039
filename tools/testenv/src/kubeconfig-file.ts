import { readFileSync, writeFileSync } from 'node:fs';

export interface KubeconfigFileOptions {
  readonly path: string;
  readonly server: string;
  readonly caFile: string;
  readonly user: { readonly certFile: string; readonly keyFile: string } | { readonly token: string };
  readonly contextName?: string;
  readonly namespace?: string;
}

const b64 = (file: string) => readFileSync(file).toString('base64');

/** Writes a self-contained kubeconfig (certificates inlined, so it can be copied). */
export function writeKubeconfig(options: KubeconfigFileOptions): string {
  const context = options.contextName ?? 'kubeless-ts-testenv';
  const user =
    'token' in options.user
      ? { token: options.user.token }
      : { 'client-certificate-data': b64(options.user.certFile), 'client-key-data': b64(options.user.keyFile) };
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: context, cluster: { server: options.server, 'certificate-authority-data': b64(options.caFile) } },
    ],
    users: [{ name: context, user }],
    contexts: [
      {
        name: context,
        context: { cluster: context, user: context, ...(options.namespace ? { namespace: options.namespace } : {}) },
      },
    ],
    'current-context': context,
  };
  // JSON is valid YAML; kubectl and every client read it.
  writeFileSync(options.path, JSON.stringify(config, null, 2), { mode: 0o600 });
  return options.path;
}
