import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { defaultRuntimeCatalogue } from './default-runtime-catalogue.js';
import { validateFunction } from './function-validator.js';
import type { KubelessFunction } from './resource-types.js';
import { aFunction } from './testing.js';
import { assertValid } from './validation-issue.js';

const catalogue = defaultRuntimeCatalogue();
const sha = `sha256:${'a'.repeat(64)}`;
const customImage = { spec: { template: { spec: { containers: [{ image: 'example/custom:1' }] } } } };

describe('validateFunction', () => {
  it.each([
    ['the builder default', aFunction().build()],
    [
      'python3.11 with deps and a checksum',
      aFunction().withRuntime('python3.11').withDeps('requests==2.32.0\n').withChecksum(sha).build(),
    ],
    ['a zip from a URL', aFunction().withCode('https://example.com/fn.zip', 'url+zip').build()],
    ['base64+zip with bundled deps', aFunction().withCode('UEsDBAo=', 'base64+zip+deps').build()],
    [
      'a custom image without runtime or handler',
      aFunction().withSpec({ runtime: '', handler: '', function: '' }).withDeployment(customImage).build(),
    ],
    [
      'embedded objects the controller reads',
      aFunction()
        .withDeployment({ spec: { template: { spec: { containers: [{ env: [] }] } } } })
        .withService({ ports: [{ port: 8080 }] })
        .withHorizontalPodAutoscaler({ spec: { minReplicas: 1, maxReplicas: 3 } })
        .build(),
    ],
    [
      'empty optional strings',
      aFunction().withSpec({ checksum: '', timeout: '', 'function-content-type': '' }).build(),
    ],
  ])('accepts %s', (_name, fn) => {
    expect(validateFunction(fn, { catalogue })).toEqual([]);
  });

  const supported = 'Supported runtimes are: nodejs22, nodejs24, nodejs26, python3.11, go1.26, ruby3.1, php8.2, java17';
  const bad: [string, KubelessFunction, string, string][] = [
    [
      'handler without dot',
      aFunction().withHandler('hello').build(),
      'spec.handler',
      'incorrect handler format "hello". It should be module_name.handler_name (exactly one dot, e.g. handler.hello)',
    ],
    [
      'handler with two dots',
      aFunction().withHandler('a.b.c').build(),
      'spec.handler',
      'incorrect handler format "a.b.c". It should be module_name.handler_name (exactly one dot, e.g. handler.hello)',
    ],
    [
      'handler with empty module',
      aFunction().withHandler('.hello').build(),
      'spec.handler',
      'incorrect handler format ".hello". It should be module_name.handler_name (exactly one dot, e.g. handler.hello)',
    ],
    [
      'handler with a space',
      aFunction().withHandler('my handler.hello').build(),
      'spec.handler',
      'incorrect handler format "my handler.hello". It should be module_name.handler_name (exactly one dot, e.g. handler.hello)',
    ],
    [
      'missing handler with a runtime',
      aFunction().withHandler('').build(),
      'spec.handler',
      'is required when spec.runtime is set. It should be module_name.handler_name',
    ],
    [
      'runtime not in the catalogue',
      aFunction().withRuntime('ruby3.3').build(),
      'spec.runtime',
      `Invalid runtime: ruby3.3. ${supported}`,
    ],
    [
      'unknown runtime version',
      aFunction().withRuntime('nodejs16').build(),
      'spec.runtime',
      `Invalid runtime: nodejs16. ${supported}`,
    ],
    [
      'runtime without version',
      aFunction().withRuntime('nodejs').build(),
      'spec.runtime',
      '"nodejs" is not a runtime name; expected an ID followed by its version, e.g. nodejs24 or python3.11',
    ],
    [
      'no runtime and no image',
      aFunction().withSpec({ runtime: '', handler: '' }).build(),
      'spec.runtime',
      'is empty and spec.deployment sets no container image; set a runtime (e.g. nodejs24) or a custom image',
    ],
    [
      'unknown content type',
      aFunction().withCode('x', 'gzip').build(),
      'spec.function-content-type',
      'unknown content type "gzip"; expected text, base64 or url, optionally followed by +zip or +compressedtar, then optionally +deps (e.g. base64+zip)',
    ],
    [
      'archive before encoding',
      aFunction().withCode('x', 'zip+base64').build(),
      'spec.function-content-type',
      'unknown content type "zip+base64"; expected text, base64 or url, optionally followed by +zip or +compressedtar, then optionally +deps (e.g. base64+zip)',
    ],
    [
      'url that is not a URL',
      aFunction().withCode('fn.zip', 'url+zip').build(),
      'spec.function',
      'expected an http:// or https:// URL because function-content-type is url',
    ],
    [
      'base64 that is not base64',
      aFunction().withCode('not base64!', 'base64').build(),
      'spec.function',
      'is not valid base64 although function-content-type is base64; use text for plain code',
    ],
    [
      'empty code with a runtime',
      aFunction().withCode('').build(),
      'spec.function',
      'is empty; expected the function code, or a URL with function-content-type url',
    ],
    [
      'md5 checksum',
      aFunction().withChecksum('md5:0cc175b9c0f1b6a831c399e269772661').build(),
      'spec.checksum',
      '"md5:0cc175b9c0f1b6a831c399e269772661" is not a checksum; expected "sha256:" followed by 64 lowercase hex characters',
    ],
    [
      'short sha256',
      aFunction().withChecksum('sha256:abc').build(),
      'spec.checksum',
      '"sha256:abc" is not a checksum; expected "sha256:" followed by 64 lowercase hex characters',
    ],
    [
      'uppercase hex',
      aFunction()
        .withChecksum(`sha256:${'A'.repeat(64)}`)
        .build(),
      'spec.checksum',
      `"sha256:${'A'.repeat(64)}" is not a checksum; expected "sha256:" followed by 64 lowercase hex characters`,
    ],
    [
      'zero timeout',
      aFunction().withTimeout('0').build(),
      'spec.timeout',
      '"0" is not a timeout; expected a positive whole number of seconds as a string, e.g. "180"',
    ],
    [
      'timeout with unit',
      aFunction().withTimeout('30s').build(),
      'spec.timeout',
      '"30s" is not a timeout; expected a positive whole number of seconds as a string, e.g. "180"',
    ],
    [
      'negative timeout',
      aFunction().withTimeout('-5').build(),
      'spec.timeout',
      '"-5" is not a timeout; expected a positive whole number of seconds as a string, e.g. "180"',
    ],
    [
      'huge deps',
      aFunction()
        .withDeps('x'.repeat(300 * 1024))
        .build(),
      'spec.deps',
      'is 307200 bytes; at most 262144 bytes are allowed (it should hold the dependency file, not the dependencies)',
    ],
    [
      'uppercase name',
      aFunction().named('Hello').build(),
      'metadata.name',
      '"Hello" is not a valid DNS-1123 label: use lowercase letters, digits and "-", starting and ending with a letter or digit',
    ],
    [
      'dotted name',
      aFunction().named('hello.world').build(),
      'metadata.name',
      '"hello.world" is not a valid DNS-1123 label: use lowercase letters, digits and "-", starting and ending with a letter or digit',
    ],
    [
      'bad label value',
      aFunction().withLabels({ team: 'a b' }).build(),
      'metadata.labels.team',
      'label value "a b" is invalid: it must be empty or 1-63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    ],
    [
      'containers not a list',
      aFunction()
        .withDeployment({ spec: { template: { spec: { containers: { name: 'x' } } } } })
        .build(),
      'spec.deployment.spec.template.spec.containers',
      'expected a list of containers',
    ],
    [
      'a container that is a string',
      aFunction()
        .withDeployment({ spec: { template: { spec: { containers: ['nginx'] } } } })
        .build(),
      'spec.deployment.spec.template.spec.containers[0]',
      'expected a container object',
    ],
    [
      'service port out of range',
      aFunction()
        .withService({ ports: [{ port: 70000 }] })
        .build(),
      'spec.service.ports[0].port',
      '70000 is not a port; expected a whole number from 1 to 65535',
    ],
    [
      'service port as text',
      aFunction()
        .withService({ ports: [{ port: 'http' }] })
        .build(),
      'spec.service.ports[0].port',
      '"http" is not a port; expected a whole number from 1 to 65535',
    ],
    [
      'HPA with zero minReplicas',
      aFunction()
        .withHorizontalPodAutoscaler({ spec: { minReplicas: 0, maxReplicas: 2 } })
        .build(),
      'spec.horizontalPodAutoscaler.spec.minReplicas',
      '0 is not allowed; expected a whole number of 1 or more',
    ],
    [
      'HPA with max below min',
      aFunction()
        .withHorizontalPodAutoscaler({ spec: { minReplicas: 3, maxReplicas: 2 } })
        .build(),
      'spec.horizontalPodAutoscaler.spec.maxReplicas',
      '2 is below minReplicas (3); expected at least 3',
    ],
    [
      'object over 1 MiB',
      aFunction()
        .withCode('x'.repeat(1024 * 1024))
        .build(),
      'spec.function',
      'at most 1048576 bytes fit (code and deps are stored in a ConfigMap). Host the code and use function-content-type url',
    ],
  ];

  it.each(bad)('rejects %s', (_name, fn, field, message) => {
    const issues = validateFunction(fn, { catalogue });
    expect(issues).toContainEqual(
      expect.objectContaining({
        field,
        message: message.startsWith('at most') ? expect.stringContaining(message) : message,
      }),
    );
  });

  it('marks an unknown runtime with KBL_ERR_UNSUPPORTED_RUNTIME', () => {
    const fn = aFunction().withRuntime('go1.22').build();
    expect(() => assertValid(validateFunction(fn, { catalogue }), { subject: 'Function "hello"' })).toThrow(
      expect.objectContaining({
        code: ErrorCodes.UNSUPPORTED_RUNTIME.code,
        message: expect.stringContaining(supported),
      }),
    );
  });

  it('checks only the runtime shape without a catalogue', () => {
    expect(validateFunction(aFunction().withRuntime('ruby3.3').build())).toEqual([]);
  });

  it('throws KBL_ERR_VALIDATION listing every issue', () => {
    const fn = aFunction().withHandler('nodot').withTimeout('soon').build();
    let thrown: unknown;
    try {
      assertValid(validateFunction(fn, { catalogue }), { subject: 'Function "hello"' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KubelessError);
    const error = thrown as KubelessError;
    expect(error.code).toBe('KBL_ERR_VALIDATION');
    expect(error.terminal).toBe(true);
    expect(error.message).toContain('Function "hello" is invalid:');
    expect(error.message).toContain('spec.handler: incorrect handler format "nodot"');
    expect(error.message).toContain('spec.timeout: "soon" is not a timeout');
    expect(error.details['issues']).toHaveLength(2);
  });
});
