import type { KubelessFunction } from '@kubeless-ts/api';

/** `aFunction('hello').inNamespace('demo').withRuntime('nodejs20').build()` */
export function aFunction(name: string) {
  const fn: KubelessFunction = {
    apiVersion: 'kubeless.io/v1beta1',
    kind: 'Function',
    metadata: { name, namespace: 'default' },
    spec: {
      handler: 'handler.hello',
      function: 'module.exports = { hello: () => "hi" }',
      runtime: 'nodejs20',
      'function-content-type': 'text',
    },
  };
  const builder = {
    inNamespace(namespace: string) {
      fn.metadata.namespace = namespace;
      return builder;
    },
    withRuntime(runtime: string) {
      fn.spec.runtime = runtime;
      return builder;
    },
    withHandler(handler: string) {
      fn.spec.handler = handler;
      return builder;
    },
    withLabels(labels: Record<string, string>) {
      fn.metadata.labels = { ...fn.metadata.labels, ...labels };
      return builder;
    },
    build(): KubelessFunction {
      return structuredClone(fn);
    },
  };
  return builder;
}
