import { createHash } from 'node:crypto';
import { apr1, checkHtpasswd } from './htpasswd.js';

describe('htpasswd', () => {
  it.each([
    // Written by `openssl passwd -apr1 -salt <salt> <password>`.
    ['secret', '8zrV3T0n', '$apr1$8zrV3T0n$M16Z5Wx3T2nC0Bz/KolSz.'],
    ['pässwörd longer than sixteen bytes', 'ab', '$apr1$ab$5vI.W8BgYyQp7kSgM.dFf/'],
    ['', 'Zz.9/aAb', '$apr1$Zz.9/aAb$u6Me6a05naIwIBmmqkXXg/'],
  ])('computes Apache MD5-crypt as openssl does (%j)', (password, salt, expected) => {
    expect(apr1(Buffer.from(password), salt)).toBe(expected);
  });

  const sha = (password: string): string => `{SHA}${createHash('sha1').update(password).digest('base64')}`;
  const file = `alice:${sha('wonderland')}\nbob:$apr1$8zrV3T0n$M16Z5Wx3T2nC0Bz/KolSz.\ncarol:$2y$05$abcdefghijklmnopqrstuu5VKhaKBCz2zE8bG2yA0G6kRrWN0tEXe\n`;

  it('accepts the right password in {SHA} and $apr1$, and nothing else', () => {
    expect(checkHtpasswd(file, 'alice', Buffer.from('wonderland'))).toBe('ok');
    expect(checkHtpasswd(file, 'bob', Buffer.from('secret'))).toBe('ok');
    expect(checkHtpasswd(file, 'alice', Buffer.from('wonderlan'))).toBe('denied');
    expect(checkHtpasswd(file, 'bob', Buffer.from('Secret'))).toBe('denied');
    expect(checkHtpasswd(file, 'mallory', Buffer.from('wonderland'))).toBe('denied');
    expect(checkHtpasswd(file, '', Buffer.from(''))).toBe('denied');
  });

  it('reports a hash it cannot check instead of passing it', () => {
    expect(checkHtpasswd(file, 'carol', Buffer.from('anything'))).toBe('unsupported-hash');
  });
});
