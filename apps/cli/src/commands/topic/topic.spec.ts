import { runCli } from '../../cli.js';
import { fakePorts } from '../../testing/fake-ports.js';

describe('topic', () => {
  it('creates, lists (without internal topics), publishes and deletes through the Kafka port', async () => {
    const ports = fakePorts();
    expect(await runCli(['topic', 'create', 'orders', '--brokers', 'k1:9092, k2:9092'], ports)).toBe(0);
    expect(ports.connections[0]).toEqual({ brokers: ['k1:9092', 'k2:9092'] });
    expect(await runCli(['topic', 'ls'], ports)).toBe(0);
    expect(ports.out()).toBe('orders\n');
    expect(await runCli(['topic', 'publish', '--topic', 'orders', '--data', 'a', '--data', 'b'], ports)).toBe(0);
    expect(ports.kafka.published).toEqual([{ topic: 'orders', messages: ['a', 'b'] }]);
    expect(await runCli(['topic', 'delete', 'orders'], ports)).toBe(0);
    expect(ports.kafka.topics.size).toBe(0);
    expect(ports.kafka.closed).toBe(4);
  });

  it('publishes to "kubeless" by default and lists as json', async () => {
    const ports = fakePorts();
    await runCli(['topic', 'publish', '--data', 'x'], ports);
    expect(ports.kafka.published[0]?.topic).toBe('kubeless');
    await runCli(['topic', 'create', 't'], ports);
    expect(await runCli(['topic', 'list', '-o', 'json'], ports)).toBe(0);
    expect(ports.out()).toBe('[\n  "t"\n]\n');
  });

  it('refuses invalid topic names before connecting, and reports Kafka errors', async () => {
    const ports = fakePorts();
    expect(await runCli(['topic', 'create', 'bad topic'], ports)).toBe(2);
    expect(ports.err()).toContain('Error KBL_ERR_USAGE: topic "bad topic" is not a Kafka topic name');
    expect(await runCli(['topic', 'delete', 'ghost'], ports)).toBe(1);
    expect(ports.err()).toContain('Error KBL_ERR_KAFKA: topic "ghost" does not exist');
  });

  it('honours --kafka-namespace as the namespace of the broker Service, refusing it together with --brokers', async () => {
    const ports = fakePorts();
    expect(await runCli(['topic', 'create', 'orders', '--kafka-namespace', 'streaming'], ports)).toBe(0);
    expect(ports.connections[0]).toEqual({ brokers: ['kafka.streaming:9092'] });
    expect(await runCli(['topic', 'ls', '--kafka-namespace', 'streaming', '--brokers', 'k1:9092'], ports)).toBe(2);
    expect(ports.err()).toContain('Error KBL_ERR_USAGE: --brokers and --kafka-namespace both choose the brokers');
    expect(await runCli(['topic', 'ls', '--kafka-namespace', 'Not_A_Namespace'], ports)).toBe(2);
    expect(ports.err()).toContain('--kafka-namespace Not_A_Namespace is not a namespace name');
    expect(ports.connections).toHaveLength(1);
  });
});
