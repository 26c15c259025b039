/* global module */
// light-my-request (fastify's inject) require()s `cookie`, which is ESM-only since v2;
// Jest's CommonJS loader cannot require ESM. The runtime's tests never send cookies
// through inject(), so this stand-in only has to exist.
module.exports = {
  stringifySetCookie() {
    throw new Error('cookie-shim: inject() with cookies is not supported in these tests');
  },
};
