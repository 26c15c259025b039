import type { ObjectMeta } from '../object-meta.js';
import type { HTTPTrigger, HTTPTriggerSpec, HTTPTriggerStatus } from '../resource-types.js';
import { API_GROUP_VERSION } from '../resource-types.js';

export class HTTPTriggerBuilder {
  private metadata: ObjectMeta = { name: 'hello', namespace: 'default' };
  private spec: HTTPTriggerSpec = { 'function-name': 'hello', gateway: 'nginx' };
  private status: HTTPTriggerStatus | undefined;

  named(name: string): this {
    this.metadata = { ...this.metadata, name };
    return this;
  }

  inNamespace(namespace: string): this {
    this.metadata = { ...this.metadata, namespace };
    return this;
  }

  forFunction(functionName: string): this {
    return this.withSpec({ 'function-name': functionName });
  }

  withHost(hostName: string): this {
    return this.withSpec({ 'host-name': hostName });
  }

  withPath(path: string): this {
    return this.withSpec({ path });
  }

  withGateway(gateway: NonNullable<HTTPTriggerSpec['gateway']>): this {
    return this.withSpec({ gateway });
  }

  withTlsAcme(): this {
    return this.withSpec({ tls: true });
  }

  withTlsSecret(secret: string): this {
    return this.withSpec({ 'tls-secret': secret });
  }

  withBasicAuthSecret(secret: string): this {
    return this.withSpec({ 'basic-auth-secret': secret });
  }

  withCors(): this {
    return this.withSpec({ 'cors-enable': true });
  }

  withSpec(changes: Partial<HTTPTriggerSpec>): this {
    this.spec = { ...this.spec, ...changes };
    return this;
  }

  withStatus(status: HTTPTriggerStatus): this {
    this.status = status;
    return this;
  }

  build(): HTTPTrigger {
    const trigger: HTTPTrigger = {
      apiVersion: API_GROUP_VERSION,
      kind: 'HTTPTrigger',
      metadata: structuredClone(this.metadata),
      spec: structuredClone(this.spec),
    };
    if (this.status !== undefined) trigger.status = structuredClone(this.status);
    return trigger;
  }
}

export function anHTTPTrigger(): HTTPTriggerBuilder {
  return new HTTPTriggerBuilder();
}
