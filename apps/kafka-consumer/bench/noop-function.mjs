// A no-op function endpoint in its own process: counts deliveries and
// produce→invoke latency (the producer puts Date.now() in the message) and
// answers GET /stats (and GET /reset) to the bench.
import { createServer } from 'node:http';

let count = 0;
let first = 0;
let last = 0;
let latencies = [];
const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ count, first, last, latencies }));
    if (req.url === '/reset') {
      count = 0;
      first = 0;
      last = 0;
      latencies = [];
    }
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const now = Date.now();
    count += 1;
    if (first === 0) first = now;
    last = now;
    const sent = Number(Buffer.concat(chunks).toString().split(':')[0]);
    if (Number.isFinite(sent) && sent > 0) latencies.push(now - sent);
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
// Ends with the bench, even one that failed half-way.
process.once('disconnect', () => process.exit(0));
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }));
