/** The Kafka admin and producer operations of `kubeless topic`. */
export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}

export interface KafkaPort {
  createTopic(spec: TopicSpec): Promise<boolean>;
  deleteTopic(topic: string): Promise<void>;
  listTopics(): Promise<string[]>;
  publish(topic: string, messages: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
