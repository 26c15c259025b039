// Prints the bench's figures and, with BENCH_WRITE_DOCS=1, rewrites its section of docs/benchmarks.md.
import { writeDocsSection } from '@kubeless-ts/bench-kit';
import type { Rate } from './measures.js';

/** Where a consumer's messages spent their time in one round (means from its own histograms). */
export interface Parts {
  /** From asking for a chunk's commit to its acceptance (includes waiting for the request on the wire). */
  readonly commitMs: number;
  /** One POST to the function, from dispatch to the last response byte. */
  readonly invokeMs: number;
  /** Messages per committed chunk. */
  readonly chunk: number;
}

/** One throughput measurement: MESSAGES produced as fast as possible, delivered to the no-op function. */
export interface Round extends Rate {
  /** The load generator's rate while producing them. */
  readonly produceRate: number;
  /** User + system time of the delivering process (consumer or pipeline) ÷ messages. */
  readonly cpuUsPerMessage: number;
  /** The same for the no-op function's process. */
  readonly fnCpuUsPerMessage: number;
  readonly backlogP50: number;
  readonly backlogP99: number;
  readonly parts?: Parts;
}

export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly count: number;
}

export interface Figures {
  readonly messages: number;
  readonly partitions: number;
  readonly window: string;
  readonly triggerWindow: string;
  readonly partitionsConcurrently: number;
  readonly rounds: ReadonlyArray<{ readonly consumer: Round; readonly pipeline: Round; readonly compare?: Round }>;
  readonly consumerPaced: Latency;
  readonly pipelinePaced: Latency;
  /** A consumer built from another revision (BENCH_COMPARE_BUNDLE), measured in the same rounds. */
  readonly comparePaced?: Latency;
  readonly compareLabel?: string;
  readonly rawMessage: Rate;
  readonly rawBatch: Rate;
  /** Bucket bounds of the consumer's commit histogram, in seconds. */
  readonly commit: { readonly p50: number; readonly p99: number };
  /** The broker's group.coordinator.append.linger.ms, as it reported it. */
  readonly lingerMs: string;
  readonly start: { readonly load: string; readonly date: string; readonly cpu: string; readonly node: string };
  readonly end: { readonly load: string };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
const n = (value: number): string => Math.round(value).toLocaleString('en-US');
const x = (value: number, digits = 2): string => `${value.toFixed(digits)}x`;

interface Summary {
  readonly consumer: number;
  readonly pipeline: number;
  readonly ratios: number[];
  readonly producer: number;
  readonly consumerCpu: number;
  readonly pipelineCpu: number;
  readonly fnCpu: number;
  readonly headroom: string;
}

function summarize(f: Figures): Summary {
  const consumer = median(f.rounds.map((r) => r.consumer.rate));
  const producer = Math.min(...f.rounds.flatMap((r) => [r.consumer.produceRate, r.pipeline.produceRate]));
  const lowest = Math.min(producer, f.rawMessage.rate, f.rawBatch.rate);
  const headroom =
    lowest >= 3 * consumer
      ? `the producer (slowest round ${n(producer)} msg/s) and raw kafkajs consumption run ≥ 3x above the consumer, so neither limits it`
      : `NOT far above the consumer: the slowest of the producer and raw consumption is only ${x(lowest / consumer, 1)} the consumer's rate, so it may limit the figures`;
  return {
    consumer,
    pipeline: median(f.rounds.map((r) => r.pipeline.rate)),
    ratios: f.rounds.map((r) => r.consumer.rate / r.pipeline.rate),
    producer,
    consumerCpu: median(f.rounds.map((r) => r.consumer.cpuUsPerMessage)),
    pipelineCpu: median(f.rounds.map((r) => r.pipeline.cpuUsPerMessage)),
    fnCpu: median(f.rounds.map((r) => r.consumer.fnCpuUsPerMessage)),
    headroom,
  };
}

function printRounds(f: Figures, s: Summary): void {
  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(46)} ${value}\n`);
  process.stdout.write(
    `\nkafka-consumer bench: ${f.messages} messages × ${f.rounds.length} rounds, ${f.partitions} partitions, 1 replica, partition window ${f.window}, trigger window ${f.triggerWindow}; broker group.coordinator.append.linger.ms ${f.lingerMs}; load average ${f.start.load} → ${f.end.load}\n`,
  );
  const describe = (r: Round) =>
    `${n(r.rate)} msg/s, ${r.cpuUsPerMessage.toFixed(0)} µs CPU/msg (function ${r.fnCpuUsPerMessage.toFixed(0)} µs), backlog p99 ${r.backlogP99} ms` +
    (r.parts
      ? `; commit wait ${r.parts.commitMs.toFixed(1)} ms, invoke ${r.parts.invokeMs.toFixed(1)} ms, ${r.parts.chunk.toFixed(1)} msgs/chunk`
      : '');
  f.rounds.forEach((r, i) => {
    line(`round ${i + 1}: kafka-consumer (at most once)`, describe(r.consumer));
    line(`round ${i + 1}: at-least-once pipeline`, describe(r.pipeline));
    line(`round ${i + 1}: ratio consumer / pipeline`, x(s.ratios[i] ?? NaN));
    if (r.compare !== undefined)
      line(
        `round ${i + 1}: ${f.compareLabel}`,
        `${describe(r.compare)}; ratio to pipeline ${x(r.compare.rate / r.pipeline.rate)}, consumer / it ${x(r.consumer.rate / r.compare.rate)}`,
      );
  });
  line('producer (load generator), slowest round', `${n(s.producer)} msg/s`);
  line('raw kafkajs eachMessage, autoCommit, no work', `${n(f.rawMessage.rate)} msg/s (${f.rawMessage.count} msgs)`);
  line('raw kafkajs eachBatch, no work', `${n(f.rawBatch.rate)} msg/s`);
  line('kafka-consumer (median round)', `${n(s.consumer)} msg/s`);
  line('at-least-once pipeline (median round)', `${n(s.pipeline)} msg/s`);
  line('ratio consumer / pipeline (median)', x(median(s.ratios)));
  line(
    'produce → invoke at 1,000 msg/s, consumer',
    `p50 ${f.consumerPaced.p50} ms, p99 ${f.consumerPaced.p99} ms (${f.consumerPaced.count} msgs)`,
  );
  line('produce → invoke at 1,000 msg/s, pipeline', `p50 ${f.pipelinePaced.p50} ms, p99 ${f.pipelinePaced.p99} ms`);
  if (f.comparePaced !== undefined)
    line(
      `produce → invoke at 1,000 msg/s, ${f.compareLabel}`,
      `p50 ${f.comparePaced.p50} ms, p99 ${f.comparePaced.p99} ms`,
    );
  line('offset commit (histogram buckets)', `p50 ≤ ${f.commit.p50 * 1000} ms, p99 ≤ ${f.commit.p99 * 1000} ms`);
  line('headroom', s.headroom);
}

function markdown(f: Figures, s: Summary): string {
  const last = f.rounds.at(-1);
  const rows = [
    `| producer (load generator) | ${n(s.producer)} |  |  |  |`,
    `| raw kafkajs \`eachBatch\`, no work | ${n(f.rawBatch.rate)} |  |  |  |`,
    `| raw kafkajs \`eachMessage\`, auto-commit, no work | ${n(f.rawMessage.rate)} |  |  |  |`,
    `| at-least-once pipeline (\`eachMessage\` → POST → auto-commit) | ${n(s.pipeline)} | ${s.pipelineCpu.toFixed(0)} µs | ${f.pipelinePaced.p50} / ${f.pipelinePaced.p99} ms | ${last?.pipeline.backlogP99 ?? NaN} ms |`,
    `| **kafka-consumer** (at most once, default windows) | ${n(s.consumer)} | ${s.consumerCpu.toFixed(0)} µs | ${f.consumerPaced.p50} / ${f.consumerPaced.p99} ms | ${last?.consumer.backlogP99 ?? NaN} ms |`,
  ];
  return [
    `Generated by \`npx nx run kafka-consumer:bench\` on ${f.start.date}: ${f.start.cpu}, Node ${f.start.node}, load average ${f.start.load} at the start and ${f.end.load} at the end; one broker (\`group.coordinator.append.linger.ms\` ${f.lingerMs}), ${f.partitions} partitions, ${f.messages.toLocaleString('en-US')} messages per round, ${f.rounds.length} interleaved rounds (median shown); consumer windows ${f.window} per partition / ${f.triggerWindow} per trigger, both pipelines ${f.partitionsConcurrently} partitions concurrently.`,
    '',
    '| pipeline | msg/s | CPU per message | produce → invoke p50 / p99 at 1,000 msg/s | p99 under backlog |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `Consumer ÷ at-least-once pipeline per round: ${s.ratios.map((r) => x(r)).join(', ')} (median ${x(median(s.ratios))}). The no-op function used ${s.fnCpu.toFixed(0)} µs CPU per message. Offset commits: p50 ≤ ${f.commit.p50 * 1000} ms, p99 ≤ ${f.commit.p99 * 1000} ms (histogram buckets). Headroom: ${s.headroom}.`,
    '',
    `Where a consumer message's window slot went, per round (means from the consumer's histograms): ${f.rounds
      .map((r) =>
        r.consumer.parts
          ? `commit wait ${r.consumer.parts.commitMs.toFixed(1)} ms + invocation ${r.consumer.parts.invokeMs.toFixed(1)} ms (${n(r.consumer.rate)} msg/s)`
          : 'not measured',
      )
      .join('; ')}; chunks of ${median(f.rounds.map((r) => r.consumer.parts?.chunk ?? NaN)).toFixed(1)} messages.`,
  ].join('\n');
}

export function report(f: Figures): void {
  const summary = summarize(f);
  printRounds(f, summary);
  writeDocsSection('kafka-consumer', markdown(f, summary));
}
