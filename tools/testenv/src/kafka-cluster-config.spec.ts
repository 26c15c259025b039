import { kafkaClusterNodeConfig } from './kafka-cluster-config.js';

const nodes = [
  { broker: 9001, controller: 9101 },
  { broker: 9002, controller: 9102 },
  { broker: 9003, controller: 9103 },
];

function properties(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('kafkaClusterNodeConfig', () => {
  it('gives each node its id, its own listeners and the same voter list', () => {
    const configs = nodes.map((_, index) =>
      properties(kafkaClusterNodeConfig({ index, nodes, host: '127.0.0.1', logDir: `/d${index}` })),
    );
    expect(configs.map((c) => c.get('node.id'))).toEqual(['1', '2', '3']);
    expect(configs[1]?.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9002,CONTROLLER://127.0.0.1:9102');
    expect(configs[1]?.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:9002');
    expect(configs[2]?.get('log.dirs')).toBe('/d2');
    const voters = '1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103';
    expect(configs.map((c) => c.get('controller.quorum.voters'))).toEqual([voters, voters, voters]);
  });

  it('replicates internal topics three ways and requires two in-sync replicas', () => {
    const config = properties(kafkaClusterNodeConfig({ index: 0, nodes, host: '127.0.0.1', logDir: '/d' }));
    expect(config.get('offsets.topic.replication.factor')).toBe('3');
    expect(config.get('transaction.state.log.replication.factor')).toBe('3');
    expect(config.get('default.replication.factor')).toBe('3');
    expect(config.get('min.insync.replicas')).toBe('2');
  });

  it('scales the replication factors down for a smaller cluster', () => {
    const config = properties(kafkaClusterNodeConfig({ index: 0, nodes: nodes.slice(0, 1), host: 'h', logDir: '/d' }));
    expect(config.get('offsets.topic.replication.factor')).toBe('1');
    expect(config.get('min.insync.replicas')).toBe('1');
  });

  it('refuses an index outside the node list', () => {
    expect(() => kafkaClusterNodeConfig({ index: 3, nodes, host: 'h', logDir: '/d' })).toThrow(RangeError);
  });
});
