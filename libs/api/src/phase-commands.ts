/**
 * The shell commands of a Function's `prepare` and `install` phases (reference §3.5),
 * shared by the function controller (init containers) and the local function host.
 *
 * They are plain POSIX `sh` using only sh, base64, sha256sum, curl, unzip,
 * tar and cp, and every directory is a parameter: the init containers run
 * them with `/src`, `/kubeless` and `/tmp`, and the local function host runs
 * the very same strings outside containers with directories of its own.
 *
 * Nothing the user wrote is spliced into the script except through `quoteForShell`:
 * the URL of a `url` function is read from the mounted source file at run
 * time, and checksums and file names are validated before they get here.
 *
 * A `url` download is limited to http(s) (no `file://` of the node, no other curl
 * protocol, also across redirects) and, without a checksum to verify, to https: the
 * controller refuses such Functions unless an administrator opted out, and the script
 * holds the line on its own.
 */
import type { ContentType } from './content-type.js';

export interface PhaseDirectories {
  /** Where the function's ConfigMap is mounted (`/src`). */
  readonly sourceDir: string;
  /** The install volume the runtime loads from (`/kubeless`). */
  readonly installDir: string;
  /** Scratch space (`/tmp`). */
  readonly tmpDir: string;
}

export const CONTAINER_DIRECTORIES: PhaseDirectories = { sourceDir: '/src', installDir: '/kubeless', tmpDir: '/tmp' };

export interface PrepareInput {
  readonly contentType: ContentType;
  /** The key of the code in the ConfigMap (`handler.js`, or `handler` for archives). */
  readonly fileName: string;
  /** `sha256:<hex>`, verified before the code is placed; empty only when no verification was required. */
  readonly checksum: string;
  /** The runtime's dependency file name; '' when the runtime has none. */
  readonly depName: string;
  readonly directories?: PhaseDirectories;
}

export interface InstallInput {
  readonly depName: string;
  /** Hex sha256 of `spec.deps`, checked against the copied file; omitted for `+deps` archives. */
  readonly depsSha256: string | undefined;
  /** The runtime catalogue's installation command (it reads KUBELESS_INSTALL_VOLUME and KUBELESS_DEPS_FILE). */
  readonly phaseCommand: string;
  readonly directories?: PhaseDirectories;
}

/** Single-quotes a word for sh; a `'` inside becomes `'\''`. */
export function quoteForShell(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function join(dir: string, file: string): string {
  return `${dir.replace(/\/+$/, '')}/${file}`;
}

function verifyStep(checksum: string, file: string, tmpDir: string): string | undefined {
  if (checksum === '') return undefined;
  const hex = checksum.slice('sha256:'.length);
  const list = join(tmpDir, 'func.sha256');
  return `printf '%s  %s\\n' ${quoteForShell(hex)} ${quoteForShell(file)} > ${quoteForShell(list)} && sha256sum -c ${quoteForShell(list)}`;
}

/** Steps that leave the raw function bytes in a file; returns the steps and that file. */
function fetchSteps(input: PrepareInput, dirs: PhaseDirectories): { steps: string[]; file: string } {
  const source = join(dirs.sourceDir, input.fileName);
  switch (input.contentType.encoding) {
    case 'text':
      return { steps: [], file: source };
    case 'base64': {
      const decoded = join(dirs.tmpDir, 'func.decoded');
      return { steps: [`base64 -d < ${quoteForShell(source)} > ${quoteForShell(decoded)}`], file: decoded };
    }
    case 'url': {
      const downloaded = join(dirs.tmpDir, 'func.fromurl');
      const protocols = input.checksum === '' ? '=https' : '=http,https';
      const curl = `curl --fail --silent --show-error --location --proto ${protocols} --proto-redir ${protocols}`;
      return {
        steps: [`${curl} --output ${quoteForShell(downloaded)} "$(cat ${quoteForShell(source)})"`],
        file: downloaded,
      };
    }
  }
}

function placeStep(input: PrepareInput, file: string, dirs: PhaseDirectories): string {
  switch (input.contentType.archive) {
    case 'zip':
      return `unzip -o -q ${quoteForShell(file)} -d ${quoteForShell(dirs.installDir)}`;
    case 'compressedtar':
      return `tar xf ${quoteForShell(file)} -C ${quoteForShell(dirs.installDir)}`;
    case undefined:
      return `cp ${quoteForShell(file)} ${quoteForShell(join(dirs.installDir, input.fileName))}`;
  }
}

/** The `prepare` script: fetch or decode, verify the checksum, unpack or copy, copy the dependency file. */
export function prepareCommand(input: PrepareInput): string {
  const dirs = input.directories ?? CONTAINER_DIRECTORIES;
  const { steps, file } = fetchSteps(input, dirs);
  const verify = verifyStep(input.checksum, file, dirs.tmpDir);
  if (verify !== undefined) steps.push(verify);
  steps.push(placeStep(input, file, dirs));
  if (input.depName !== '' && !input.contentType.bundledDeps) {
    steps.push(
      `cp ${quoteForShell(join(dirs.sourceDir, input.depName))} ${quoteForShell(join(dirs.installDir, input.depName))}`,
    );
  }
  return steps.join(' && ');
}

/** The `install` script: check the copied dependency file is the one in the spec, then run the runtime's installer. */
export function installCommand(input: InstallInput): string {
  const dirs = input.directories ?? CONTAINER_DIRECTORIES;
  const steps: string[] = [];
  if (input.depsSha256 !== undefined && input.depName !== '') {
    const list = join(dirs.tmpDir, 'deps.sha256');
    steps.push(
      `printf '%s  %s\\n' ${quoteForShell(input.depsSha256)} ${quoteForShell(join(dirs.installDir, input.depName))} > ${quoteForShell(list)} && sha256sum -c ${quoteForShell(list)}`,
    );
  }
  steps.push(input.phaseCommand);
  return steps.join(' && ');
}
