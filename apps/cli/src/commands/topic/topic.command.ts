import type { Options } from 'yargs';
import { groupCommand, leafCommand } from '../../cli-command.js';
import type { CliCommand } from '../../cli-command.js';
import { print, progressTo, stringList } from '../../command-support.js';
import { dataFormat } from '../../output/data-format.js';
import { dataOutputOption } from '../../output/read-options.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import type { KafkaPort } from '../../ports/kafka-port.js';
import { topicBrokers } from './topic-brokers.js';

const kafkaOptions = {
  brokers: {
    type: 'string',
    describe:
      'Kafka bootstrap brokers, host:port[,host:port] (default: $KAFKA_BROKERS, else kafka.kubeless:9092; TLS/SASL from the other KAFKA_* variables)',
  },
  'kafka-namespace': {
    type: 'string',
    describe:
      'Namespace of the Kafka broker Service `kafka`: the brokers are kafka.<namespace>:9092 (instead of --brokers)',
  },
} as const satisfies Record<string, Options>;

function kafkaConnector(
  ports: CliPorts,
  flags: { readonly brokers?: string; readonly 'kafka-namespace'?: string },
): () => Promise<KafkaPort> {
  const brokers = topicBrokers({ brokers: flags.brokers, kafkaNamespace: flags['kafka-namespace'] });
  return () => ports.connectKafka({ brokers });
}

function createCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'create <topic>',
    describe: 'Create a Kafka topic',
    builder: (yargs) =>
      yargs.positional('topic', { type: 'string', demandOption: true, describe: 'Topic name' }).options({
        partitions: { type: 'number', default: 1, describe: 'Partitions' },
        'replication-factor': { type: 'number', default: 1, describe: 'Replication factor' },
        ...kafkaOptions,
      }),
    handler: async (argv) => {
      const { createTopic, withKafka } = await import('./topic-operations.js');
      await withKafka(kafkaConnector(ports, argv), (kafka) =>
        createTopic(kafka, {
          topic: argv.topic,
          partitions: argv.partitions,
          replicationFactor: argv['replication-factor'],
        }),
      );
      progressTo(ports)(`Topic ${argv.topic} created`);
    },
  });
}

function deleteCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'delete <topic>',
    describe: 'Delete a Kafka topic',
    builder: (yargs) =>
      yargs.positional('topic', { type: 'string', demandOption: true, describe: 'Topic name' }).options(kafkaOptions),
    handler: async (argv) => {
      const { deleteTopic, withKafka } = await import('./topic-operations.js');
      await withKafka(kafkaConnector(ports, argv), (kafka) => deleteTopic(kafka, argv.topic));
      progressTo(ports)(`Topic ${argv.topic} deleted`);
    },
  });
}

function listCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'list',
    aliases: ['ls'],
    describe: 'List Kafka topics',
    builder: (yargs) => yargs.options({ ...kafkaOptions, ...dataOutputOption }),
    handler: async (argv) => {
      const format = argv.output === undefined ? undefined : dataFormat(argv.output);
      const [{ listTopics, withKafka }, { formatData }] = await Promise.all([
        import('./topic-operations.js'),
        import('../../output/data-format.js'),
      ]);
      const topics = await withKafka(kafkaConnector(ports, argv), listTopics);
      print(ports, format === undefined ? topics.map((topic) => `${topic}\n`).join('') : formatData(topics, format));
    },
  });
}

function publishCommand(ports: CliPorts): CliCommand {
  return leafCommand({
    command: 'publish',
    describe: 'Publish messages to a Kafka topic',
    builder: (yargs) =>
      yargs.options({
        topic: { type: 'string', default: 'kubeless', describe: 'Topic' },
        data: {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'Message value; repeat for several messages',
        },
        ...kafkaOptions,
      }),
    handler: async (argv) => {
      const { publish, withKafka } = await import('./topic-operations.js');
      const count = await withKafka(kafkaConnector(ports, argv), (kafka) =>
        publish(kafka, { topic: argv.topic, messages: stringList(argv.data) }),
      );
      progressTo(ports)(`Published ${count} message${count === 1 ? '' : 's'} to ${argv.topic}`);
    },
  });
}

export function topicCommand(ports: CliPorts): CliCommand {
  return groupCommand({
    command: 'topic',
    describe: 'Kafka topics: create, delete, list, publish',
    subcommands: [createCommand(ports), deleteCommand(ports), listCommand(ports), publishCommand(ports)],
  });
}
