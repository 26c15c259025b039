/**
 * Bearer token read from a file and re-read once a minute, as client-go does,
 * so projected ServiceAccount tokens keep working after kubelet rotates them.
 * Trims the trailing newline most token files end with (an Authorization
 * header must not contain one).
 */
import { readFileSync } from 'node:fs';
import type https from 'node:https';
import type { User } from '@kubernetes/client-node';

export const TOKEN_FILE_PROVIDER = 'kubeless-token-file';
const REREAD_AFTER_MS = 60_000;

function tokenPathOf(user: User): string | undefined {
  const provider: unknown = user.authProvider;
  if (typeof provider !== 'object' || provider === null) return undefined;
  const { name, config } = provider as { name?: unknown; config?: unknown };
  if (name !== TOKEN_FILE_PROVIDER || typeof config !== 'object' || config === null) return undefined;
  const path = (config as { path?: unknown }).path;
  return typeof path === 'string' ? path : undefined;
}

/** The kubeconfig user entry that makes the authenticator below supply the token. */
export function tokenFileUser(name: string, path: string): User {
  return { name, authProvider: { name: TOKEN_FILE_PROVIDER, config: { path } } };
}

/** Shaped like client-node's Authenticator, which its index does not export. */
export class TokenFileAuthenticator {
  private readonly cache = new Map<string, { token: string; readAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  isAuthProvider(user: User): boolean {
    return tokenPathOf(user) !== undefined;
  }

  async applyAuthentication(user: User, options: https.RequestOptions): Promise<void> {
    const path = tokenPathOf(user);
    if (path === undefined) return;
    const token = this.token(path);
    options.headers = { ...options.headers, Authorization: `Bearer ${token}` };
  }

  private token(path: string): string {
    const cached = this.cache.get(path);
    if (cached && this.now() - cached.readAt < REREAD_AFTER_MS) return cached.token;
    const token = readFileSync(path, 'utf8').trim();
    this.cache.set(path, { token, readAt: this.now() });
    return token;
  }
}
