// The baseline: a bare node:http server answering what the hello-world function answers
// (same status, content type, CORS header and length-framed body), nothing else.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.resume();
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('access-control-allow-origin', '*');
  res.end('hello world');
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
