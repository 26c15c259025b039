import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerEngine } from '@kubeless-ts/images';
import { ContainerError } from './container-error.js';
import { connectTestcontainers } from './container-engine.js';

describe('connectTestcontainers', () => {
  it('fails with an engine error, never another engine, when the project engine does not answer', async () => {
    const dead = join(mkdtempSync(join(tmpdir(), 'test-containers-')), 'docker.sock');
    const engine = { ...dockerEngine(), socket: dead, host: `unix://${dead}` };
    const attempt = connectTestcontainers(engine);
    await expect(attempt).rejects.toBeInstanceOf(ContainerError);
    await expect(attempt).rejects.toMatchObject({
      step: 'engine',
      code: 'KBL_ERR_TESTENV',
      message: expect.stringContaining(dead),
    });
  });
});
