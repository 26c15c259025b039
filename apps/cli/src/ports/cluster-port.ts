/**
 * The part of `@kubeless-ts/k8s`'s KubeClients the CLI uses. KubeClients
 * satisfies it structurally; tests use the in-memory fake in ../testing.
 */
import type { CronJobTrigger, HTTPTrigger, KafkaTrigger, KubelessFunction } from '@kubeless-ts/api';
import type {
  ConfigMap,
  CustomResourceDefinition,
  DeleteOptions,
  ListOptions,
  ListPage,
  ObjectOptions,
  Pod,
  PodLogOptions,
  ProxyRequest,
  ProxyResponse,
  Service,
  WatchEvent,
  WatchOptions,
  WriteOptions,
} from '@kubeless-ts/k8s';
import type { Readable } from 'node:stream';

export interface ResourcePort<T> {
  get(name: string, options?: ObjectOptions): Promise<T>;
  find(name: string, options?: ObjectOptions): Promise<T | undefined>;
  listAll(options?: Omit<ListOptions, 'continueToken'>): Promise<ListPage<T>>;
  create(object: T, options?: WriteOptions): Promise<T>;
  replace(object: T, options?: WriteOptions): Promise<T>;
  delete(name: string, options?: DeleteOptions): Promise<boolean>;
  watch(options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): Promise<void>;
}

export interface ClusterPort {
  /** The namespace of `-n`, else the kubeconfig context's, else `default`. */
  readonly namespace: string;
  readonly info: { readonly server: string };
  readonly functions: ResourcePort<KubelessFunction>;
  readonly httpTriggers: ResourcePort<HTTPTrigger>;
  readonly cronJobTriggers: ResourcePort<CronJobTrigger>;
  readonly kafkaTriggers: ResourcePort<KafkaTrigger>;
  readonly configMaps: ResourcePort<ConfigMap>;
  readonly services: ResourcePort<Service>;
  readonly pods: ResourcePort<Pod>;
  readonly customResourceDefinitions: ResourcePort<CustomResourceDefinition>;
  proxy(request: ProxyRequest): Promise<ProxyResponse>;
  podLogs(options: PodLogOptions): Promise<string>;
  followPodLogs(options: PodLogOptions): Promise<Readable>;
}
