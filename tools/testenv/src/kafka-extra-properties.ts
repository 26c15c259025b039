/** Env var with broker properties to add to (or override in) the test broker's server.properties. */
export const KAFKA_PROPERTIES_ENV = 'KUBELESS_TS_KAFKA_PROPERTIES';

const PROPERTY = /^[a-z][a-z0-9._-]*=[^\n]*$/;

/**
 * Reads `KUBELESS_TS_KAFKA_PROPERTIES`: `key=value` pairs separated by commas or newlines, e.g.
 * `group.coordinator.append.linger.ms=0` to measure the consumer against a broker tuned the way
 * an operator might (ADR 0027). They are written after the defaults, so a key given here wins.
 * A malformed entry is refused with the entry named, not passed on for Java to ignore.
 */
export function extraKafkaProperties(env: Readonly<Record<string, string | undefined>>): string[] {
  const raw = env[KAFKA_PROPERTIES_ENV]?.trim();
  if (raw === undefined || raw === '') return [];
  return raw
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      if (!PROPERTY.test(entry))
        throw new Error(
          `${KAFKA_PROPERTIES_ENV}: "${entry}" is not a broker property (key=value, e.g. num.partitions=1)`,
        );
      return entry;
    });
}
