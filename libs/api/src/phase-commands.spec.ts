import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseContentType } from './content-type.js';
import type { ContentType } from './content-type.js';
import { installCommand, prepareCommand, quoteForShell, type PhaseDirectories } from './phase-commands.js';

function type(value: string): ContentType {
  const parsed = parseContentType(value);
  if (parsed === undefined) throw new Error(`bad content type ${value}`);
  return parsed;
}

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

describe('prepareCommand', () => {
  it('copies text code and the dependency file, verifying the checksum first', () => {
    const command = prepareCommand({
      contentType: type('text'),
      fileName: 'handler.js',
      checksum: `sha256:${'a'.repeat(64)}`,
      depName: 'package.json',
    });
    expect(command).toBe(
      `printf '%s  %s\\n' '${'a'.repeat(64)}' '/src/handler.js' > '/tmp/func.sha256' && sha256sum -c '/tmp/func.sha256' && ` +
        `cp '/src/handler.js' '/kubeless/handler.js' && cp '/src/package.json' '/kubeless/package.json'`,
    );
  });

  it('decodes base64, downloads url content from the URL in the source file, unpacks zip and tar archives', () => {
    expect(prepareCommand({ contentType: type('base64'), fileName: 'handler.py', checksum: '', depName: '' })).toBe(
      `base64 -d < '/src/handler.py' > '/tmp/func.decoded' && cp '/tmp/func.decoded' '/kubeless/handler.py'`,
    );
    expect(prepareCommand({ contentType: type('url+zip'), fileName: 'handler', checksum: '', depName: '' })).toBe(
      `curl --fail --silent --show-error --location --proto =https --proto-redir =https --output '/tmp/func.fromurl' "$(cat '/src/handler')" && unzip -o -q '/tmp/func.fromurl' -d '/kubeless'`,
    );
    expect(
      prepareCommand({ contentType: type('base64+compressedtar'), fileName: 'handler', checksum: '', depName: '' }),
    ).toContain(`tar xf '/tmp/func.decoded' -C '/kubeless'`);
  });

  it('skips the dependency file for +deps archives, which carry their own', () => {
    expect(
      prepareCommand({
        contentType: type('base64+zip+deps'),
        fileName: 'handler',
        checksum: '',
        depName: 'requirements.txt',
      }),
    ).not.toContain('requirements.txt');
  });

  it('quotes every word, so odd directory names cannot break out', () => {
    expect(quoteForShell(`it's`)).toBe(`'it'\\''s'`);
    const dirs: PhaseDirectories = { sourceDir: `/a b/'src`, installDir: '/k', tmpDir: '/t' };
    expect(
      prepareCommand({ contentType: type('text'), fileName: 'f.py', checksum: '', depName: '', directories: dirs }),
    ).toBe(`cp '/a b/'\\''src/f.py' '/k/f.py'`);
  });

  describe('run by sh outside a container, as the local function host does', () => {
    let root: string;
    let dirs: PhaseDirectories;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'prepare-'));
      dirs = { sourceDir: join(root, 'src'), installDir: join(root, 'kubeless'), tmpDir: join(root, 'tmp') };
      for (const dir of Object.values(dirs)) mkdirSync(dir);
    });

    it('prepares base64 code with a valid checksum and the deps file', () => {
      const code = 'def hello(event, context):\n  return "hi"\n';
      writeFileSync(join(dirs.sourceDir, 'handler.py'), Buffer.from(code).toString('base64'));
      writeFileSync(join(dirs.sourceDir, 'requirements.txt'), 'requests\n');
      const command = prepareCommand({
        contentType: type('base64'),
        fileName: 'handler.py',
        checksum: `sha256:${sha(code)}`,
        depName: 'requirements.txt',
        directories: dirs,
      });
      execFileSync('sh', ['-c', command], { stdio: 'pipe' });
      expect(readFileSync(join(dirs.installDir, 'handler.py'), 'utf8')).toBe(code);
      expect(readFileSync(join(dirs.installDir, 'requirements.txt'), 'utf8')).toBe('requests\n');
    });

    it('fetches url code only over http(s), and only over https without a checksum', () => {
      const secret = join(root, 'secret.js');
      writeFileSync(secret, 'module.exports = "read from the node";\n');
      writeFileSync(join(dirs.sourceDir, 'handler.js'), `file://${secret}`);
      const withChecksum = prepareCommand({
        contentType: type('url'),
        fileName: 'handler.js',
        checksum: `sha256:${sha(readFileSync(secret))}`,
        depName: '',
        directories: dirs,
      });
      expect(() => execFileSync('sh', ['-c', withChecksum], { stdio: 'pipe' })).toThrow();
      writeFileSync(join(dirs.sourceDir, 'handler.js'), 'http://127.0.0.1:9/fn.js');
      const unverified = prepareCommand({
        contentType: type('url'),
        fileName: 'handler.js',
        checksum: '',
        depName: '',
        directories: dirs,
      });
      expect(() => execFileSync('sh', ['-c', unverified], { stdio: 'pipe', encoding: 'utf8' })).toThrow(/[Pp]rotocol/);
      expect(existsSync(join(dirs.installDir, 'handler.js'))).toBe(false);
    });

    it('fails on a checksum mismatch and leaves nothing in the install directory', () => {
      writeFileSync(join(dirs.sourceDir, 'handler.js'), 'module.exports = {};\n');
      const command = prepareCommand({
        contentType: type('text'),
        fileName: 'handler.js',
        checksum: `sha256:${sha('other')}`,
        depName: '',
        directories: dirs,
      });
      expect(() => execFileSync('sh', ['-c', command], { stdio: 'pipe' })).toThrow();
      expect(() => readFileSync(join(dirs.installDir, 'handler.js'))).toThrow();
    });

    it('unpacks a compressed tar', () => {
      const staging = join(root, 'staging');
      mkdirSync(staging);
      writeFileSync(join(staging, 'handler.js'), 'module.exports = { hello: () => 1 };\n');
      const tarball = join(root, 'fn.tgz');
      execFileSync('tar', ['czf', tarball, '-C', staging, 'handler.js']);
      writeFileSync(join(dirs.sourceDir, 'handler'), readFileSync(tarball).toString('base64'));
      const command = prepareCommand({
        contentType: type('base64+compressedtar'),
        fileName: 'handler',
        checksum: `sha256:${sha(readFileSync(tarball))}`,
        depName: '',
        directories: dirs,
      });
      execFileSync('sh', ['-c', command], { stdio: 'pipe' });
      expect(readFileSync(join(dirs.installDir, 'handler.js'), 'utf8')).toContain('hello');
    });

    it('install verifies the copied deps file before running the installer', () => {
      writeFileSync(join(dirs.installDir, 'package.json'), '{}');
      const ok = installCommand({
        depName: 'package.json',
        depsSha256: sha('{}'),
        phaseCommand: 'echo installed',
        directories: dirs,
      });
      expect(execFileSync('sh', ['-c', ok], { encoding: 'utf8' })).toContain('installed');
      const bad = installCommand({
        depName: 'package.json',
        depsSha256: sha('{"x":1}'),
        phaseCommand: 'echo installed',
        directories: dirs,
      });
      expect(() => execFileSync('sh', ['-c', bad], { stdio: 'pipe' })).toThrow();
    });
  });
});
