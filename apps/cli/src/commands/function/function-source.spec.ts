import { fakePorts } from '../../testing/fake-ports.js';
import {
  archiveByContent,
  archiveByName,
  readDependencies,
  readFunctionSource,
  sha256Checksum,
} from './function-source.js';

describe('function source', () => {
  it('inlines UTF-8 as text with a checksum of the raw bytes', async () => {
    const ports = fakePorts();
    ports.files.set('h.py', Buffer.from('def f(e, c): return "é"\n'));
    const source = await readFunctionSource(ports, 'h.py');
    expect(source).toEqual({
      function: 'def f(e, c): return "é"\n',
      contentType: 'text',
      checksum: sha256Checksum(Buffer.from('def f(e, c): return "é"\n')),
    });
  });

  it('base64-encodes binary content', async () => {
    const ports = fakePorts();
    ports.files.set('blob', Buffer.from([0xff, 0xfe, 0x00]));
    expect(await readFunctionSource(ports, 'blob')).toMatchObject({ function: '//4A', contentType: 'base64' });
  });

  it('detects zip and tar archives by name or by content', async () => {
    expect(archiveByName('f.zip')).toBe('zip');
    expect(archiveByName('f.tar.gz')).toBe('compressedtar');
    expect(archiveByName('https://h/f.tgz?x=1')).toBe('compressedtar');
    expect(archiveByName('f.js')).toBeUndefined();
    expect(archiveByContent(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toBe('zip');
    expect(archiveByContent(Buffer.from([0x1f, 0x8b, 8]))).toBe('compressedtar');
    const ports = fakePorts();
    ports.files.set('bundle', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x41]));
    expect(await readFunctionSource(ports, 'bundle')).toMatchObject({
      contentType: 'base64+zip',
      function: 'UEsDBEE=',
    });
  });

  it('keeps a URL as url content and downloads it only for the checksum', async () => {
    const ports = fakePorts();
    ports.urls.set('https://example.com/f.zip', { status: 200, body: Buffer.from('zipbytes') });
    expect(await readFunctionSource(ports, 'https://example.com/f.zip')).toEqual({
      function: 'https://example.com/f.zip',
      contentType: 'url+zip',
      checksum: sha256Checksum(Buffer.from('zipbytes')),
    });
  });

  it('inlines the content of a dependency file given as a URL', async () => {
    const ports = fakePorts();
    ports.urls.set('https://example.com/requirements.txt', { status: 200, body: Buffer.from('requests==2.32.0\n') });
    expect(await readDependencies(ports, 'https://example.com/requirements.txt')).toBe('requests==2.32.0\n');
  });

  it('reports a URL that cannot be downloaded', async () => {
    const ports = fakePorts();
    ports.urls.set('https://example.com/404.js', { status: 404, body: Buffer.alloc(0) });
    await expect(readFunctionSource(ports, 'https://example.com/404.js')).rejects.toThrow(
      '--from-file: cannot download https://example.com/404.js: HTTP 404',
    );
    await expect(readFunctionSource(ports, 'https://nowhere/x.js')).rejects.toMatchObject({
      code: 'KBL_ERR_FILE_NOT_FOUND',
    });
  });
});
