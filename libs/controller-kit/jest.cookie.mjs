import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * fastify's inject() (light-my-request) require()s `cookie` 2, which ships only
 * as ESM; Node loads that natively but Jest's CommonJS loader cannot. Jest gets
 * the same package bundled to CommonJS instead of a stand-in.
 */
export function cookieModuleMapper() {
  const outfile = join(import.meta.dirname, '../../node_modules/.cache/controller-kit/cookie.cjs');
  buildSync({ entryPoints: [createRequire(import.meta.url).resolve('cookie')], bundle: true, format: 'cjs', platform: 'node', outfile, logLevel: 'error' });
  return { '^cookie$': outfile };
}
