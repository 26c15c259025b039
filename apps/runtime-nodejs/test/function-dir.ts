import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary install volume (`KUBELESS_INSTALL_VOLUME`) built up file by file. */
export class FunctionDir {
  private constructor(readonly path: string) {}

  static create(): FunctionDir {
    return new FunctionDir(mkdtempSync(join(tmpdir(), 'kubeless-fn-')));
  }

  withFile(relativePath: string, content: string): this {
    const file = join(this.path, relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return this;
  }

  /** A package under node_modules, as `npm install --prefix` would leave it. */
  withDependency(name: string, main: string, options: { type?: 'module' | 'commonjs' } = {}): this {
    this.withFile(
      `node_modules/${name}/package.json`,
      JSON.stringify({ name, version: '1.0.0', main: 'index.js', type: options.type ?? 'commonjs' }),
    );
    return this.withFile(`node_modules/${name}/index.js`, main);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
