/**
 * The objects the controllers hold during the soak: 1,000 Functions and a trigger of each kind
 * for the first hundred, built from the api lib's test builders.
 */
import type { CronJobTrigger, HTTPTrigger, KafkaTrigger, KubelessFunction } from '@kubeless-ts/api';
import { aCronJobTrigger, aFunction, aKafkaTrigger, anHTTPTrigger } from '@kubeless-ts/api/testing';

/** Topics the Kafka triggers share (`<namespace>.` names pass the default topic policy, ADR 0023). */
export const KAFKA_TOPICS = 10;

export function soakFunction(namespace: string, i: number, revision = 0): KubelessFunction {
  return (
    aFunction()
      .named(`fn-${i}`)
      .inNamespace(namespace)
      .withLabels({ soak: `f${i}` })
      .withCode(`module.exports = { hello: () => "hello ${i} r${revision}" };\n`)
      // The test control plane has a /24 service range; headless Services need no ClusterIP.
      .withService({ clusterIP: 'None' })
      // No scheduler runs: zero replicas keep 1,000 pending Pods out of the apiserver.
      .withDeployment({ spec: { replicas: 0 } })
      .build()
  );
}

export function soakHttpTrigger(namespace: string, i: number): HTTPTrigger {
  return anHTTPTrigger()
    .named(`web-${i}`)
    .inNamespace(namespace)
    .forFunction(`fn-${i}`)
    .withHost(`web-${i}.example.com`)
    .build();
}

export function soakCronJobTrigger(namespace: string, i: number): CronJobTrigger {
  // New Year only: the CronJobs exist but never start Jobs during a soak.
  return aCronJobTrigger()
    .named(`cron-${i}`)
    .inNamespace(namespace)
    .forFunction(`fn-${i}`)
    .withSchedule('0 0 1 1 *')
    .build();
}

export function soakKafkaTrigger(namespace: string, i: number): KafkaTrigger {
  return aKafkaTrigger()
    .named(`kafka-${i}`)
    .inNamespace(namespace)
    .withTopic(`${namespace}.k${i % KAFKA_TOPICS}`)
    .matchingLabels({ soak: `f${i}` })
    .build();
}
