import { extraKafkaProperties } from './kafka-extra-properties.js';

describe('extraKafkaProperties', () => {
  it('is empty when the variable is unset or blank', () => {
    expect(extraKafkaProperties({})).toEqual([]);
    expect(extraKafkaProperties({ KUBELESS_TS_KAFKA_PROPERTIES: '  ' })).toEqual([]);
  });

  it('reads key=value pairs separated by commas or newlines', () => {
    expect(
      extraKafkaProperties({
        KUBELESS_TS_KAFKA_PROPERTIES: 'group.coordinator.append.linger.ms=0, num.partitions=3\nlog.retention.ms=',
      }),
    ).toEqual(['group.coordinator.append.linger.ms=0', 'num.partitions=3', 'log.retention.ms=']);
  });

  it('refuses an entry that is not a property, naming it', () => {
    expect(() => extraKafkaProperties({ KUBELESS_TS_KAFKA_PROPERTIES: 'num.partitions=1,linger 0' })).toThrow(
      /"linger 0" is not a broker property/,
    );
  });
});
