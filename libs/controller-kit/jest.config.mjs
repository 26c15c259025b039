import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { unitConfig } from '../../jest.preset.mjs';

const base = unitConfig('controller-kit', import.meta.dirname);

// fastify's inject() (light-my-request) require()s `cookie` 2, which ships only
// as ESM; Node loads that natively but Jest's CommonJS loader cannot. Jest gets
// the same package bundled to CommonJS instead of a stand-in.
const cookieCjs = join(import.meta.dirname, '../../node_modules/.cache/controller-kit/cookie.cjs');
buildSync({ entryPoints: [createRequire(import.meta.url).resolve('cookie')], bundle: true, format: 'cjs', platform: 'node', outfile: cookieCjs, logLevel: 'error' });

export default {
  ...base,
  moduleNameMapper: { ...base.moduleNameMapper, '^cookie$': cookieCjs },
};
