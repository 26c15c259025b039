/**
 * Reads `--from-file` / `--dependencies` the way Kubeless did: a URL stays a
 * URL (downloaded only for its checksum), a local file is inlined as text
 * when it is UTF-8 and as base64 otherwise; archives are recognised by name
 * and, unlike the original, also by their first bytes, and are always base64.
 */
import { createHash } from 'node:crypto';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { CliPorts } from '../../ports/cli-ports.js';

export interface FunctionSource {
  readonly function: string;
  readonly contentType: string;
  readonly checksum: string;
}

type Archive = 'zip' | 'compressedtar' | undefined;

const TAR_SUFFIXES = ['.tar.gz', '.taz', '.tgz', '.tar.bz2', '.tb2', '.tbz', '.tbz2', '.tz2', '.tar.xz'];

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

export function archiveByName(location: string): Archive {
  const path = (isUrl(location) ? new URL(location).pathname : location).toLowerCase();
  if (path.endsWith('.zip')) return 'zip';
  return TAR_SUFFIXES.some((suffix) => path.endsWith(suffix)) ? 'compressedtar' : undefined;
}

export function archiveByContent(bytes: Buffer): Archive {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return 'zip';
  const gzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const bzip2 = bytes.subarray(0, 3).toString('latin1') === 'BZh';
  const xz = bytes.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]));
  return gzip || bzip2 || xz ? 'compressedtar' : undefined;
}

export function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function sha256Checksum(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function withArchive(encoding: string, archive: Archive): string {
  return archive === undefined ? encoding : `${encoding}+${archive}`;
}

async function download(ports: Pick<CliPorts, 'http' | 'signal'>, url: string, flag: string): Promise<Buffer> {
  let answer;
  try {
    answer = await ports.http(url, { method: 'GET', headers: {}, signal: ports.signal });
  } catch (error: unknown) {
    throw new KubelessError({
      code: ErrorCodes.FILE_NOT_FOUND.code,
      message: `${flag}: cannot download ${url}: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'Check the URL and your network.',
      terminal: true,
      cause: error,
    });
  }
  if (answer.status >= 400) {
    throw new KubelessError({
      code: ErrorCodes.FILE_NOT_FOUND.code,
      message: `${flag}: cannot download ${url}: HTTP ${answer.status}`,
      hint: 'Check the URL.',
      terminal: true,
    });
  }
  return answer.body;
}

export async function readFunctionSource(
  ports: Pick<CliPorts, 'http' | 'readFile' | 'signal'>,
  location: string,
): Promise<FunctionSource> {
  if (isUrl(location)) {
    const bytes = await download(ports, location, '--from-file');
    return {
      function: location,
      contentType: withArchive('url', archiveByName(location) ?? archiveByContent(bytes)),
      checksum: sha256Checksum(bytes),
    };
  }
  const bytes = await ports.readFile(location, '--from-file');
  const archive = archiveByName(location) ?? archiveByContent(bytes);
  const text = archive === undefined && isUtf8(bytes);
  return {
    function: text ? bytes.toString('utf8') : bytes.toString('base64'),
    contentType: withArchive(text ? 'text' : 'base64', archive),
    checksum: sha256Checksum(bytes),
  };
}

/** `--dependencies`: the content of the file (a URL is downloaded), stored inline in spec.deps. */
export async function readDependencies(
  ports: Pick<CliPorts, 'http' | 'readFile' | 'signal'>,
  location: string,
): Promise<string> {
  const bytes = isUrl(location)
    ? await download(ports, location, '--dependencies')
    : await ports.readFile(location, '--dependencies');
  return bytes.toString('utf8');
}
