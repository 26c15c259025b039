import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCliReference } from './cli-reference.js';
import { renderErrorsReference } from './errors-reference.js';

const reference = join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'reference');
const regenerate = 'docs/reference is stale: run `npx nx run cli:docs` and commit the result';

describe('generated reference docs', () => {
  it('cli.md matches the yargs definitions', async () => {
    const committed = readFileSync(join(reference, 'cli.md'), 'utf8');
    const fresh = await renderCliReference();
    if (committed !== fresh) throw new Error(regenerate);
    expect(fresh).toContain('## kubeless function deploy');
    expect(fresh).toContain('## kubeless trigger kafka create');
  });

  it('errors.md matches ErrorCodes', () => {
    const committed = readFileSync(join(reference, 'errors.md'), 'utf8');
    if (committed !== renderErrorsReference()) throw new Error(regenerate);
    expect(committed).toContain('`KBL_ERR_FUNCTION_NOT_FOUND`');
  });
});
