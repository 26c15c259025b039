// Malformed HTTP/1.1 against the shipped runtime process over raw sockets. Every case
// must get exactly one well-formed 4xx (a second response would mean the connection was
// desynchronised) and the server must keep serving.
import { jest } from '@jest/globals';
import { connect } from 'node:net';
import { FunctionDir } from '../test/function-dir.js';
import { runtimeBundle, startRuntime } from '../test/runtime-process.js';
import type { RunningRuntime } from '../test/runtime-process.js';

jest.setTimeout(120_000);

const limit = 10 * 1024;
interface FuzzCase {
  readonly name: string;
  readonly raw: Buffer;
}

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

function headCases(method: string, path: string): FuzzCase[] {
  const line = `${method} ${path} HTTP/1.1\r\nHost: fuzz\r\n`;
  const cases: FuzzCase[] = [];
  const lengths = [
    'abc',
    '-1',
    '-100',
    '1.5',
    '0x10',
    '+5',
    '5 5',
    '1e3',
    '',
    ' ',
    '\u00d9\u00a1',
    '5,6',
    '99999999999999999999999',
    String(limit * 2),
  ];
  for (const value of lengths)
    cases.push({
      name: `content-length ${JSON.stringify(value)}`,
      raw: bytes(`${line}Content-Length: ${value}\r\n\r\nhello`),
    });
  cases.push({
    name: 'conflicting content-lengths',
    raw: bytes(`${line}Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd`),
  });
  cases.push({
    name: 'content-length with transfer-encoding',
    raw: bytes(`${line}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`),
  });
  const chunked = `${line}Transfer-Encoding: chunked\r\n\r\n`;
  for (const size of ['-5', 'zz', '0x5', '', ' ', '5 5', '+5', 'g', 'fffffffffffffffffffffff']) {
    cases.push({ name: `chunk size ${JSON.stringify(size)}`, raw: bytes(`${chunked}${size}\r\nhello\r\n0\r\n\r\n`) });
  }
  cases.push({ name: 'chunk longer than its size', raw: bytes(`${chunked}5\r\nhelloXX\r\n0\r\n\r\n`) });
  cases.push({ name: 'chunk cut short', raw: bytes(`${chunked}5\r\nhel`) });
  cases.push({ name: 'chunk without CRLF', raw: bytes(`${chunked}5\r\nhello`) });
  const over = limit + 2048;
  cases.push({
    name: 'chunked over the limit',
    raw: bytes(`${chunked}${over.toString(16)}\r\n${'x'.repeat(over)}\r\n0\r\n\r\n`),
  });
  for (const coding of ['chunked, gzip', 'chunkedx', 'xchunked', 'gzip']) {
    cases.push({
      name: `transfer-encoding ${coding}`,
      raw: bytes(`${line}Transfer-Encoding: ${coding}\r\n\r\n5\r\nhello\r\n0\r\n\r\n`),
    });
  }
  for (const header of [
    'Host2 : x',
    'NoColon',
    'X: a\u0000b',
    'X: a\rContent-Length: 5',
    'X\u0001Y: z',
    ': novalue',
    `X-Long: ${'a'.repeat(70_000)}`,
  ]) {
    cases.push({ name: `header ${JSON.stringify(header.slice(0, 24))}`, raw: bytes(`${line}${header}\r\n\r\n`) });
  }
  cases.push({
    name: 'invalid json',
    raw: bytes(`${line}Content-Type: application/json\r\nContent-Length: 5\r\n\r\n{nope`),
  });
  return cases;
}

function requestLineCases(): FuzzCase[] {
  const tlsHello = Buffer.concat([
    Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
    Buffer.alloc(32),
    bytes('\r\n\r\n'),
  ]);
  return [
    { name: 'no target', raw: bytes('GET\r\n\r\n') },
    { name: 'HTTP/0.9', raw: bytes('GET /\r\n\r\n') },
    { name: 'extra word', raw: bytes('GET / HTTP/1.1 extra\r\nHost: fuzz\r\n\r\n') },
    { name: 'bad method', raw: bytes('G@T / HTTP/1.1\r\nHost: fuzz\r\n\r\n') },
    { name: 'bad version', raw: bytes('GET / HTTP/1.x\r\nHost: fuzz\r\n\r\n') },
    { name: 'other protocol', raw: bytes('GET / FTP/1.1\r\nHost: fuzz\r\n\r\n') },
    { name: 'tls hello', raw: tlsHello },
    { name: 'long target', raw: bytes(`GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: fuzz\r\n\r\n`) },
  ];
}

export function malformedRequests(): FuzzCase[] {
  const cases = requestLineCases();
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    for (const path of ['/', '/a/b?x=1'])
      cases.push(...headCases(method, path).map((c) => ({ name: `${method} ${path} ${c.name}`, raw: c.raw })));
  }
  return cases;
}

/** Sends `raw`, half-closes, and collects everything until the server closes. */
function exchange(url: string, raw: Buffer): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) });
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error),
    );
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.end(raw);
  });
}

const statusLine = /^HTTP\/1\.[01] (\d{3}) [^\r\n]*$/;
const headerLine = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\r\n]*)$/;

/** The status of the one well-formed response in `received`; throws on anything else. */
export function singleResponseStatus(received: Buffer): number {
  const text = received.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete response head: ${JSON.stringify(text.slice(0, 200))}`);
  const [first = '', ...lines] = text.slice(0, end).split('\r\n');
  const status = statusLine.exec(first);
  if (!status) throw new Error(`bad status line ${JSON.stringify(first)}`);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const header = headerLine.exec(line);
    if (!header) throw new Error(`bad header line ${JSON.stringify(line)}`);
    headers.set((header[1] ?? '').toLowerCase(), header[2] ?? '');
  }
  const rest = received.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
  const length = headers.get('content-length');
  if (length !== undefined) {
    if (rest.length !== Number(length))
      throw new Error(
        `a second response or a short body after ${first}: ${JSON.stringify(rest.toString('latin1').slice(0, 200))}`,
      );
  } else if (headers.get('connection')?.toLowerCase() !== 'close') {
    throw new Error(`unframed response ${first}`);
  }
  return Number(status[1]);
}

describe('Node.js runtime HTTP parsing under malformed requests', () => {
  let dir: FunctionDir;
  let runtime: RunningRuntime;

  beforeAll(async () => {
    await runtimeBundle();
    dir = FunctionDir.create().withFile('fn.js', "exports.main = () => 'ok';\n");
    runtime = await startRuntime({
      installVolume: dir.path,
      env: { MOD_NAME: 'fn', FUNC_HANDLER: 'main', REQ_MB_LIMIT: '0.01', LOG_LEVEL: 'warn' },
    });
  });

  afterAll(async () => {
    await runtime?.stop();
    dir?.remove();
  });

  it('has a few hundred cases', () => {
    expect(malformedRequests().length).toBeGreaterThanOrEqual(300);
  });

  it('answers every malformed request with one well-formed 4xx and keeps serving', async () => {
    const failures: string[] = [];
    let index = 0;
    for (const { name, raw } of malformedRequests()) {
      try {
        const status = singleResponseStatus(await exchange(runtime.url, raw));
        if (status < 400 || status >= 500) failures.push(`${name}: ${status}`);
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (index++ % 25 === 0) expect((await fetch(runtime.url)).status).toBe(200);
    }
    expect(failures).toEqual([]);
    expect(await (await fetch(runtime.url)).text()).toBe('ok');
    expect(runtime.child.exitCode).toBeNull();
  });

  it('does not answer a request smuggled behind a negative Content-Length', async () => {
    const raw = bytes(
      'POST / HTTP/1.1\r\nHost: fuzz\r\nContent-Length: -5\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: fuzz\r\n\r\n',
    );
    expect(singleResponseStatus(await exchange(runtime.url, raw))).toBe(400);
  });
});
