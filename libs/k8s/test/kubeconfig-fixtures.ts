/** Builders for kubeconfig files in a temporary directory. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ContextSpec {
  name: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
}

export function aKubeconfig(contexts: ContextSpec[], currentContext?: string): string {
  const clusters = contexts.map(
    (c) =>
      `- name: ${c.cluster ?? c.name}\n  cluster:\n    server: ${c.server ?? `https://${c.name}.example:6443`}\n    insecure-skip-tls-verify: true`,
  );
  const users = contexts.map((c) => `- name: ${c.user ?? c.name}\n  user:\n    token: token-of-${c.user ?? c.name}`);
  const ctx = contexts.map(
    (c) =>
      `- name: ${c.name}\n  context:\n    cluster: ${c.cluster ?? c.name}\n    user: ${c.user ?? c.name}${c.namespace ? `\n    namespace: ${c.namespace}` : ''}`,
  );
  return [
    'apiVersion: v1',
    'kind: Config',
    currentContext === undefined ? '' : `current-context: ${currentContext}`,
    `clusters:\n${clusters.join('\n')}`,
    `users:\n${users.join('\n')}`,
    `contexts:\n${ctx.join('\n')}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

export class TempDir {
  readonly root = mkdtempSync(join(tmpdir(), 'k8s-kubeconfig-'));

  write(relative: string, content: string): string {
    const path = join(this.root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
