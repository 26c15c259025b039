// The plain at-least-once pipeline the issue compares the consumer with, in its own process so
// its CPU is measured like the consumer's: a kafkajs consumer, `eachMessage` → HTTP POST of the
// value to the function over keep-alive → kafkajs auto-commit (defaults: after each batch).
// Awaiting the POST inside `eachMessage` is what makes it at-least-once (an offset is committed
// only after its invocation returned), so its in-flight is one message per partition, with
// `partitionsConsumedConcurrently` set to the consumer's own default.
// Configured by one IPC message { brokers, topic, groupId, url, partitionsConcurrently };
// answers { type: 'joined' } once its group is joined, and disconnects on { type: 'stop' }.
import { Agent, request } from 'node:http';
import { Kafka, logLevel } from 'kafkajs';

const agent = new Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64 });

/** Resolves once the whole response arrived; a non-2xx rejects, so kafkajs retries the message. */
function post(url, body) {
  return new Promise((resolve, reject) => {
    const call = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
      },
      (res) => {
        res.resume();
        res.once('end', () =>
          res.statusCode >= 200 && res.statusCode < 300 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
        res.once('error', reject);
      },
    );
    call.once('error', reject);
    call.end(body);
  });
}

// Ends with the bench, even one that failed half-way.
process.once('disconnect', () => process.exit(0));

process.once('message', async ({ brokers, topic, groupId, url, partitionsConcurrently }) => {
  const kafka = new Kafka({ clientId: 'at-least-once-bench', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId });
  consumer.on(consumer.events.GROUP_JOIN, () => process.send({ type: 'joined' }));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  await consumer.run({
    partitionsConsumedConcurrently: partitionsConcurrently,
    eachMessage: ({ message }) => post(url, message.value ?? Buffer.alloc(0)),
  });
  process.on('message', async (m) => {
    if (m.type !== 'stop') return;
    await consumer.disconnect();
    agent.destroy();
    process.exit(0);
  });
});
