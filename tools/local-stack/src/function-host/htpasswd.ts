import { createHash, timingSafeEqual } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const APR1 = '$apr1$';

function md5(...parts: readonly Buffer[]): Buffer {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function to64(value: number, length: number): string {
  let text = '';
  let rest = value;
  for (let i = 0; i < length; i += 1) {
    text += ITOA64[rest & 0x3f] ?? '';
    rest >>= 6;
  }
  return text;
}

/** Apache's MD5-crypt (`$apr1$salt$hash`), as `htpasswd -m` and `openssl passwd -apr1` write it. */
export function apr1(password: Buffer, salt: string): string {
  const saltBytes = Buffer.from(salt.slice(0, 8), 'utf8');
  const alternate = md5(password, saltBytes, password);
  const first = createHash('md5').update(password).update(APR1).update(saltBytes);
  for (let left = password.length; left > 0; left -= 16) first.update(alternate.subarray(0, Math.min(16, left)));
  for (let bits = password.length; bits > 0; bits >>= 1)
    first.update(bits & 1 ? Buffer.alloc(1) : password.subarray(0, 1));
  let digest: Buffer = first.digest();
  // 1000 rounds, by design slow.
  for (let round = 0; round < 1000; round += 1) {
    const parts: Buffer[] = [round & 1 ? password : digest];
    if (round % 3 !== 0) parts.push(saltBytes);
    if (round % 7 !== 0) parts.push(password);
    parts.push(round & 1 ? digest : password);
    digest = md5(...parts);
  }
  const d = (index: number): number => digest[index] ?? 0;
  const encoded =
    to64((d(0) << 16) | (d(6) << 8) | d(12), 4) +
    to64((d(1) << 16) | (d(7) << 8) | d(13), 4) +
    to64((d(2) << 16) | (d(8) << 8) | d(14), 4) +
    to64((d(3) << 16) | (d(9) << 8) | d(15), 4) +
    to64((d(4) << 16) | (d(10) << 8) | d(5), 4) +
    to64(d(11), 2);
  return `${APR1}${salt.slice(0, 8)}$${encoded}`;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether `password` matches one stored hash; undefined for a scheme this gateway cannot check (it then refuses). */
function matches(stored: string, password: Buffer): boolean | undefined {
  if (stored.startsWith('{SHA}'))
    return sameText(stored, `{SHA}${createHash('sha1').update(password).digest('base64')}`);
  if (stored.startsWith(APR1)) {
    const salt = stored.slice(APR1.length).split('$')[0] ?? '';
    return sameText(stored, apr1(password, salt));
  }
  return undefined;
}

export type HtpasswdVerdict = 'ok' | 'denied' | 'unsupported-hash';

/**
 * Checks a user and password against htpasswd text (the `auth` key of a
 * basic-auth Secret). The `{SHA}` and `$apr1$` schemes are checked; a line in
 * another scheme (bcrypt, crypt) cannot be, and is reported so the gateway
 * fails closed instead of letting the request through.
 */
export function checkHtpasswd(htpasswd: string, user: string, password: Buffer): HtpasswdVerdict {
  for (const line of htpasswd.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || line.slice(0, colon) !== user) continue;
    const verdict = matches(line.slice(colon + 1).trim(), password);
    if (verdict === undefined) return 'unsupported-hash';
    return verdict ? 'ok' : 'denied';
  }
  return 'denied';
}
