/**
 * The Function's code and deps end up in one ConfigMap, and ConfigMaps (like
 * any etcd value) are capped at 1 MiB, so a bigger object fails later and
 * less clearly; checking the serialised size up front gives a useful message.
 */
export const MAX_OBJECT_BYTES = 1024 * 1024;

export function serializedSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}
