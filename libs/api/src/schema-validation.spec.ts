import { aCronJobTrigger, aFunction, aKafkaTrigger, anHTTPTrigger } from './testing.js';
import { pointerToField, validateAgainstSchema } from './schema-validation.js';

describe('validateAgainstSchema', () => {
  it('accepts the builders’ defaults for all four kinds', () => {
    expect(validateAgainstSchema('Function', aFunction().build())).toEqual([]);
    expect(validateAgainstSchema('HTTPTrigger', anHTTPTrigger().build())).toEqual([]);
    expect(validateAgainstSchema('CronJobTrigger', aCronJobTrigger().build())).toEqual([]);
    expect(validateAgainstSchema('KafkaTrigger', aKafkaTrigger().build())).toEqual([]);
  });

  it('keeps unknown fields inside embedded Kubernetes objects', () => {
    const fn = aFunction()
      .withDeployment({
        spec: { template: { spec: { containers: [{ name: 'x', futureField: { a: 1 } }] } } },
        extra: true,
      })
      .withService({ ports: [{ port: 8080 }], somethingNew: 'yes' })
      .withHorizontalPodAutoscaler({ apiVersion: 'autoscaling/v2', spec: { maxReplicas: 3 } })
      .build();
    expect(validateAgainstSchema('Function', fn)).toEqual([]);
  });

  it('accepts any JSON as a cron payload', () => {
    for (const payload of [{ a: [1, 2] }, [1, 'two'], 'text', 3, true]) {
      expect(validateAgainstSchema('CronJobTrigger', aCronJobTrigger().withPayload(payload).build())).toEqual([]);
    }
  });

  it('accepts a status with conditions', () => {
    const fn = aFunction()
      .withStatus({
        readyReplicas: 1,
        replicas: 1,
        conditions: [
          { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: '2026-01-01T00:00:00Z' },
        ],
      })
      .build();
    expect(validateAgainstSchema('Function', fn)).toEqual([]);
  });

  it.each(
    (
      [
        [
          'Function',
          { ...aFunction().build(), spec: { function: 'x', runtime: 'nodejs20' } },
          'spec.handler',
          'is required',
        ],
        ['Function', aFunction().withHandler('a.b.c').build(), 'spec.handler', 'It should be module_name.handler_name'],
        ['Function', aFunction().withChecksum('md5:abc').build(), 'spec.checksum', 'sha256:'],
        ['Function', aFunction().withTimeout('ten').build(), 'spec.timeout', 'positive whole number'],
        [
          'Function',
          aFunction().withCode('x', 'gzip').build(),
          'spec.function-content-type',
          'expected text, base64 or url',
        ],
        [
          'Function',
          aFunction()
            .withSpec({ functionName: 'typo' } as never)
            .build(),
          'spec.functionName',
          'not a known field',
        ],
        [
          'Function',
          aFunction()
            .withDeployment('nope' as never)
            .build(),
          'spec.deployment',
          'expected object',
        ],
        [
          'Function',
          aFunction().named('Hello_World').build(),
          'metadata.name',
          'a Function name must be a DNS-1123 label',
        ],
        [
          'HTTPTrigger',
          anHTTPTrigger()
            .withGateway('envoy' as never)
            .build(),
          'spec.gateway',
          'expected one of: nginx, traefik, kong',
        ],
        [
          'HTTPTrigger',
          anHTTPTrigger()
            .withSpec({ tls: 'yes' } as never)
            .build(),
          'spec.tls',
          'expected boolean',
        ],
        [
          'CronJobTrigger',
          aCronJobTrigger()
            .withConcurrencyPolicy('Sometimes' as never)
            .build(),
          'spec.concurrencyPolicy',
          'Allow, Forbid, Replace',
        ],
        [
          'CronJobTrigger',
          aCronJobTrigger().withSpec({ failedJobsHistoryLimit: -1 }).build(),
          'spec.failedJobsHistoryLimit',
          'must be >= 0',
        ],
        ['KafkaTrigger', aKafkaTrigger().withTopic('bad topic').build(), 'spec.topic', 'only contain letters'],
        [
          'KafkaTrigger',
          aKafkaTrigger()
            .matchingExpression({ key: 'a', operator: 'Near' as never })
            .build(),
          'spec.functionSelector.matchExpressions[0].operator',
          'In, NotIn, Exists, DoesNotExist',
        ],
        [
          'Function',
          { ...aFunction().build(), status: { conditions: [{ type: 'Ready', status: 'Maybe' }] } },
          'status.conditions[0].status',
          'True, False, Unknown',
        ],
      ] as const
    ).map(([kind, object, field, message]) => ({ kind, object, field, message })),
  )('rejects a bad $kind at $field', ({ kind, object, field, message }) => {
    const issues = validateAgainstSchema(kind, object);
    expect(issues).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('names a wrong apiVersion and kind', () => {
    const issues = validateAgainstSchema('Function', {
      ...aFunction().build(),
      apiVersion: 'kubeless.io/v1',
      kind: 'Fn',
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'apiVersion', message: 'expected kubeless.io/v1beta1' },
        { field: 'kind', message: 'expected Function' },
      ]),
    );
  });

  it('turns JSON pointers into readable paths', () => {
    expect(pointerToField('/spec/functionSelector/matchExpressions/0/key')).toBe(
      'spec.functionSelector.matchExpressions[0].key',
    );
    expect(pointerToField('')).toBe('');
  });
});
