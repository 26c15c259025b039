import type https from 'node:https';
import { TokenFileAuthenticator, tokenFileUser } from './token-file-authenticator.js';
import { TempDir } from '../test/kubeconfig-fixtures.js';

describe('TokenFileAuthenticator', () => {
  it('sends the trimmed token and re-reads the file after a minute (rotated projected tokens)', async () => {
    const dir = new TempDir();
    try {
      const path = dir.write('token', 'first\n');
      let now = 0;
      const authenticator = new TokenFileAuthenticator(() => now);
      const user = tokenFileUser('sa', path);
      expect(authenticator.isAuthProvider(user)).toBe(true);
      expect(authenticator.isAuthProvider({ name: 'other', token: 'x' })).toBe(false);

      const header = async (): Promise<unknown> => {
        const options: https.RequestOptions = { headers: {} };
        await authenticator.applyAuthentication(user, options);
        return (options.headers as Record<string, unknown>)['Authorization'];
      };
      expect(await header()).toBe('Bearer first');
      dir.write('token', 'second');
      now = 30_000;
      expect(await header()).toBe('Bearer first');
      now = 61_000;
      expect(await header()).toBe('Bearer second');
    } finally {
      dir.remove();
    }
  });
});
