import { validateKafkaTrigger } from './kafka-trigger-validator.js';
import type { KafkaTrigger } from './resource-types.js';
import { aKafkaTrigger } from './testing.js';

describe('validateKafkaTrigger', () => {
  it.each([
    ['the builder default', aKafkaTrigger().build()],
    [
      'a prefixed label and an expression',
      aKafkaTrigger()
        .matchingLabels({ 'kubeless.io/topic': 's3-python' })
        .matchingExpression({ key: 'tier', operator: 'In', values: ['a', 'b'] })
        .build(),
    ],
    [
      'an Exists expression only',
      aKafkaTrigger()
        .withSelector({ matchExpressions: [{ key: 'topic', operator: 'Exists' }] })
        .build(),
    ],
  ])('accepts %s', (_name, trigger) => {
    expect(validateKafkaTrigger(trigger)).toEqual([]);
  });

  const bad: [string, KafkaTrigger, string, string][] = [
    ['empty topic', aKafkaTrigger().withTopic('').build(), 'spec.topic', 'is required; expected a Kafka topic name'],
    [
      'topic with space',
      aKafkaTrigger().withTopic('my topic').build(),
      'spec.topic',
      '"my topic" is not a Kafka topic name; only letters, digits, ".", "_" and "-" are allowed',
    ],
    [
      'topic ..',
      aKafkaTrigger().withTopic('..').build(),
      'spec.topic',
      '".." is reserved by Kafka; expected a topic name',
    ],
    [
      'topic too long',
      aKafkaTrigger().withTopic('t'.repeat(250)).build(),
      'spec.topic',
      'is 250 characters; Kafka allows at most 249',
    ],
    [
      'empty selector',
      aKafkaTrigger().withSelector({}).build(),
      'spec.functionSelector',
      'must have matchLabels or matchExpressions; an empty selector would match every function',
    ],
    [
      'bad label key',
      aKafkaTrigger().matchingLabels({ 'bad key': 'x' }).build(),
      'spec.functionSelector.matchLabels',
      'label key "bad key" is invalid: the name part must be 1-63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    ],
    [
      'bad label prefix',
      aKafkaTrigger().matchingLabels({ 'Example.COM/x': 'y' }).build(),
      'spec.functionSelector.matchLabels',
      'label key "Example.COM/x" has an invalid prefix: it must be a DNS-1123 subdomain such as example.com',
    ],
    [
      'bad label value',
      aKafkaTrigger().matchingLabels({ function: '-hello' }).build(),
      'spec.functionSelector.matchLabels.function',
      'label value "-hello" is invalid: it must be empty or 1-63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    ],
    [
      'In without values',
      aKafkaTrigger().matchingExpression({ key: 'tier', operator: 'In' }).build(),
      'spec.functionSelector.matchExpressions[0].values',
      'must be non-empty when operator is In',
    ],
    [
      'Exists with values',
      aKafkaTrigger()
        .matchingExpression({ key: 'tier', operator: 'Exists', values: ['a'] })
        .build(),
      'spec.functionSelector.matchExpressions[0].values',
      'must be empty when operator is Exists',
    ],
    [
      'unknown operator',
      aKafkaTrigger()
        .matchingExpression({ key: 'tier', operator: 'Gt' as never, values: ['1'] })
        .build(),
      'spec.functionSelector.matchExpressions[0].operator',
      '"Gt" is not an operator; expected In, NotIn, Exists or DoesNotExist',
    ],
    [
      'bad expression key',
      aKafkaTrigger().matchingExpression({ key: '', operator: 'Exists' }).build(),
      'spec.functionSelector.matchExpressions[0].key',
      'label key "" is invalid: the name part must be 1-63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    ],
    [
      'bad expression value',
      aKafkaTrigger()
        .matchingExpression({ key: 'tier', operator: 'NotIn', values: ['ok', 'not ok'] })
        .build(),
      'spec.functionSelector.matchExpressions[0].values[1]',
      'label value "not ok" is invalid: it must be empty or 1-63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    ],
    ['missing name', aKafkaTrigger().named('').build(), 'metadata.name', 'is required'],
  ];

  it.each(bad)('rejects %s', (_name, trigger, field, message) => {
    expect(validateKafkaTrigger(trigger)).toContainEqual({ field, message });
  });
});
