// Pure builder for one node's server.properties in a local multi-node KRaft cluster.
export interface KafkaClusterNodePorts {
  /** PLAINTEXT listener clients and the other brokers use. */
  readonly broker: number;
  readonly controller: number;
}

export interface KafkaClusterNodeConfigOptions {
  /** Index into `nodes`; the node id is index + 1. */
  readonly index: number;
  readonly nodes: readonly KafkaClusterNodePorts[];
  readonly logDir: string;
  /** Address clients reach the brokers at; controllers always talk over loopback. */
  readonly host: string;
}

/** The contents of server.properties for node `index` of a combined broker+controller cluster. */
export function kafkaClusterNodeConfig(options: KafkaClusterNodeConfigOptions): string {
  const { index, nodes, host } = options;
  const self = nodes[index];
  if (self === undefined) throw new RangeError(`node ${index} is not one of the ${nodes.length} nodes`);
  const replicas = Math.min(3, nodes.length);
  // Every node is a voter: a static quorum needs no dynamic-membership bootstrap and survives one of three down.
  const voters = nodes.map((node, i) => `${i + 1}@127.0.0.1:${node.controller}`).join(',');
  return [
    'process.roles=broker,controller',
    `node.id=${index + 1}`,
    `controller.quorum.voters=${voters}`,
    `listeners=PLAINTEXT://${host}:${self.broker},CONTROLLER://127.0.0.1:${self.controller}`,
    `advertised.listeners=PLAINTEXT://${host}:${self.broker}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${options.logDir}`,
    // Internal topics replicated like the test topics, so losing one broker loses no committed offset.
    `offsets.topic.replication.factor=${replicas}`,
    'offsets.topic.num.partitions=4',
    `transaction.state.log.replication.factor=${replicas}`,
    `transaction.state.log.min.isr=${Math.min(2, replicas)}`,
    `share.coordinator.state.topic.replication.factor=${replicas}`,
    `share.coordinator.state.topic.min.isr=${Math.min(2, replicas)}`,
    `default.replication.factor=${replicas}`,
    // acks=all then means "on two of three": one broker may die without refusing writes.
    `min.insync.replicas=${Math.min(2, replicas)}`,
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'num.partitions=1',
    '',
  ].join('\n');
}
