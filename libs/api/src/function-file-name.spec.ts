import { parseContentType } from './content-type.js';
import { functionFileName, handlerFunctionName } from './function-file-name.js';

const node = { fileNameSuffix: '.js' };
const python = { fileNameSuffix: '.py' };

describe('functionFileName', () => {
  it.each([
    ['text', 'handler.hello', node, 'handler.js'],
    ['', 'hello.foo', python, 'hello.py'],
    ['base64', 'hello.foo', python, 'hello.py'],
    ['url', 'index.get', node, 'index.js'],
    ['base64+zip', 'index.helloGet', node, 'index'],
    ['url+compressedtar+deps', 'app.main', python, 'app'],
  ])('names %s code of %s', (type, handler, runtime, expected) => {
    const contentType = parseContentType(type);
    expect(contentType && functionFileName(handler, contentType, runtime)).toBe(expected);
  });

  it('extracts the function part of the handler', () => {
    expect(handlerFunctionName('handler.hello')).toBe('hello');
    expect(handlerFunctionName('nodot')).toBe('');
  });
});

describe('parseContentType', () => {
  it('reads every part of the grammar', () => {
    expect(parseContentType('')).toEqual({ encoding: 'text', archive: undefined, bundledDeps: false });
    expect(parseContentType('base64+zip+deps')).toEqual({ encoding: 'base64', archive: 'zip', bundledDeps: true });
    expect(parseContentType('url+compressedtar')).toEqual({
      encoding: 'url',
      archive: 'compressedtar',
      bundledDeps: false,
    });
    expect(parseContentType('zip')).toBeUndefined();
    expect(parseContentType('text+deps+zip')).toBeUndefined();
  });
});
