import type { EmbeddedObject, ObjectMeta } from '../object-meta.js';
import type { FunctionSpec, FunctionStatus, KubelessFunction } from '../resource-types.js';
import { API_GROUP_VERSION, Labels } from '../resource-types.js';

/** Builds a valid nodejs20 Function; each `with*` changes one thing. */
export class FunctionBuilder {
  private metadata: ObjectMeta = { name: 'hello', namespace: 'default' };
  private spec: FunctionSpec = {
    handler: 'handler.hello',
    function: 'module.exports = { hello: () => "hello world" };\n',
    'function-content-type': 'text',
    checksum: '',
    runtime: 'nodejs20',
    timeout: '180',
    deps: '',
  };
  private status: FunctionStatus | undefined;

  named(name: string): this {
    this.metadata = { ...this.metadata, name };
    return this;
  }

  inNamespace(namespace: string): this {
    this.metadata = { ...this.metadata, namespace };
    return this;
  }

  withLabels(labels: Record<string, string>): this {
    this.metadata = { ...this.metadata, labels: { ...this.metadata.labels, ...labels } };
    return this;
  }

  withRuntime(runtime: string): this {
    return this.withSpec({ runtime });
  }

  withHandler(handler: string): this {
    return this.withSpec({ handler });
  }

  withCode(code: string, contentType = 'text'): this {
    return this.withSpec({ function: code, 'function-content-type': contentType });
  }

  withChecksum(checksum: string): this {
    return this.withSpec({ checksum });
  }

  withDeps(deps: string): this {
    return this.withSpec({ deps });
  }

  withTimeout(timeout: string): this {
    return this.withSpec({ timeout });
  }

  withDeployment(deployment: EmbeddedObject): this {
    return this.withSpec({ deployment });
  }

  withService(service: EmbeddedObject): this {
    return this.withSpec({ service });
  }

  withHorizontalPodAutoscaler(horizontalPodAutoscaler: EmbeddedObject): this {
    return this.withSpec({ horizontalPodAutoscaler });
  }

  withSpec(changes: Partial<FunctionSpec>): this {
    this.spec = { ...this.spec, ...changes };
    return this;
  }

  withStatus(status: FunctionStatus): this {
    this.status = status;
    return this;
  }

  /** The labels the CLI gives every function (created-by, function). */
  withKubelessLabels(): this {
    return this.withLabels({
      [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE,
      [Labels.FUNCTION]: this.metadata.name ?? '',
    });
  }

  build(): KubelessFunction {
    const fn: KubelessFunction = {
      apiVersion: API_GROUP_VERSION,
      kind: 'Function',
      metadata: structuredClone(this.metadata),
      spec: structuredClone(this.spec),
    };
    if (this.status !== undefined) fn.status = structuredClone(this.status);
    return fn;
  }
}

export function aFunction(): FunctionBuilder {
  return new FunctionBuilder();
}
