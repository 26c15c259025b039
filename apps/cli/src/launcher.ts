/**
 * The ESM entry of the bundle and the npm package. Node.js 22.1+ can keep V8's compiled code on
 * disk (`module.enableCompileCache`), but only for modules compiled after the call, so this
 * file enables it and only then imports the CLI: on Node 24, `function ls` from the npm package
 * spends ~90 ms less CPU from the second run on. Older Node.js lacks the function and runs as
 * before; NODE_COMPILE_CACHE / NODE_DISABLE_COMPILE_CACHE keep their meaning.
 */
import module from 'node:module';

const enableCompileCache: unknown = Reflect.get(module, 'enableCompileCache');
if (typeof enableCompileCache === 'function') enableCompileCache.call(module);

await import('./main.js');
