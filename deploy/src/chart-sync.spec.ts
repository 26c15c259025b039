import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workspaceRoot } from '@kubeless-ts/testenv';
import { renderChartFiles, SYNC_COMMAND } from './chart-files.js';
import { UMBRELLA_DIR } from './chart-paths.js';
import { INSTALL_MANIFEST, renderInstallManifest } from './install-manifest.js';

function filesUnder(dir: string): string[] {
  return readdirSync(join(workspaceRoot, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(workspaceRoot, join(entry.parentPath, entry.name)));
}

describe('generated chart files (one source of truth each)', () => {
  let expected: Map<string, string>;
  beforeAll(async () => {
    expected = await renderChartFiles(workspaceRoot);
  });

  it(`match their sources (CRDs, rules files, kubeless-config defaults, shared templates); fix with ${SYNC_COMMAND}`, () => {
    const stale = [...expected].filter(([path, content]) => {
      try {
        return readFileSync(join(workspaceRoot, path), 'utf8') !== content;
      } catch {
        return true;
      }
    });
    expect(stale.map(([path]) => path)).toEqual([]);
  });

  it('leave no file in the charts that the sync did not write (e.g. a removed CRD)', () => {
    const stray = filesUnder(UMBRELLA_DIR).filter(
      (path) => !expected.has(path) && !path.endsWith('NOTES.txt') && !path.endsWith('.helmignore'),
    );
    expect(stray).toEqual([]);
  });
});

describe('deploy/install.yaml (the chart rendered with its defaults)', () => {
  it(`matches what helm renders from the charts now; fix with ${SYNC_COMMAND}`, async () => {
    const expected = await renderInstallManifest(SYNC_COMMAND);
    expect(readFileSync(join(workspaceRoot, INSTALL_MANIFEST), 'utf8') === expected).toBe(true);
  });
});
