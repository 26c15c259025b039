import { defaultKubelessConfigData } from './default-kubeless-config.js';
import { defaultRuntimeCatalogue } from './default-runtime-catalogue.js';
import { parseKubelessConfig } from './kubeless-config.js';
import { DEFAULT_HTTP_TRIGGER_ANNOTATIONS } from './privilege-policy.js';

describe('parseKubelessConfig', () => {
  it('parses the generated default config', () => {
    const result = parseKubelessConfig(defaultKubelessConfigData());
    expect(result).toEqual({
      ok: true,
      value: {
        runtimeImages: defaultRuntimeCatalogue(),
        deployment: {},
        enableBuildStep: false,
        functionRegistryTlsVerify: true,
        functionRegistry: '',
        builderRegistryMirrors: {},
        provisionImage: 'kubeless-ts/provision:latest',
        provisionImageSecret: '',
        builderImage: 'kubeless-ts/function-image-builder:latest',
        builderImageSecret: '',
        functionsNamespace: '',
        ingressEnabled: false,
        serviceType: 'ClusterIP',
        allowUnverifiedUrlFunctions: false,
        functionAllowedPrivileges: [],
        functionAllowedServiceAccounts: ['default'],
        httpTriggerAllowedAnnotations: DEFAULT_HTTP_TRIGGER_ANNOTATIONS,
        kafkaTriggerAllowedTopics: ['{namespace}.*'],
      },
    });
  });

  it('reads the Kafka topic policy: the namespace prefix by default, what an administrator sets, never a bad pattern', () => {
    const { 'kafka-trigger-allowed-topics': _omitted, ...withoutKey } = defaultKubelessConfigData();
    const missing = parseKubelessConfig(withoutKey);
    expect(missing.ok && missing.value.kafkaTriggerAllowedTopics).toEqual(['{namespace}.*']);
    const any = parseKubelessConfig({ ...defaultKubelessConfigData(), 'kafka-trigger-allowed-topics': '*' });
    expect(any.ok && any.value.kafkaTriggerAllowedTopics).toEqual(['*']);
    const bad = parseKubelessConfig({
      ...defaultKubelessConfigData(),
      'kafka-trigger-allowed-topics': '{namespace}.*, pay*ments',
    });
    expect(!bad.ok && bad.issues.map((issue) => issue.field)).toEqual(['kafka-trigger-allowed-topics']);
  });

  it('reads the privilege allow-lists an administrator sets, and refuses unknown privileges', () => {
    const result = parseKubelessConfig({
      ...defaultKubelessConfigData(),
      'function-allowed-privileges': 'hostPath, privileged',
      'function-allowed-service-accounts': 'default,builder',
      'http-trigger-allowed-annotations': 'example.com/*,\n other.example/a',
    });
    expect(result.ok && result.value.functionAllowedPrivileges).toEqual(['hostPath', 'privileged']);
    expect(result.ok && result.value.functionAllowedServiceAccounts).toEqual(['default', 'builder']);
    expect(result.ok && result.value.httpTriggerAllowedAnnotations).toEqual(['example.com/*', 'other.example/a']);
    const empty = parseKubelessConfig({
      ...defaultKubelessConfigData(),
      'http-trigger-allowed-annotations': '',
      'function-allowed-service-accounts': '',
    });
    expect(empty.ok && [empty.value.httpTriggerAllowedAnnotations, empty.value.functionAllowedServiceAccounts]).toEqual(
      [[], []],
    );
    const bad = parseKubelessConfig({
      ...defaultKubelessConfigData(),
      'function-allowed-privileges': 'root',
      'function-allowed-service-accounts': 'Not_A_Name',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.issues.map((issue) => issue.field)).toEqual([
        'function-allowed-privileges',
        'function-allowed-service-accounts',
      ]);
  });

  it('reads the administrator opt-out for url functions without a checksum', () => {
    const result = parseKubelessConfig({ ...defaultKubelessConfigData(), 'allow-unverified-url-functions': 'true' });
    expect(result.ok && result.value.allowUnverifiedUrlFunctions).toBe(true);
    expect(parseKubelessConfig({ ...defaultKubelessConfigData(), 'allow-unverified-url-functions': 'yes' }).ok).toBe(
      false,
    );
  });

  it("reads the build step: the registry and the builder's mirrors", () => {
    const result = parseKubelessConfig({
      ...defaultKubelessConfigData(),
      'enable-build-step': 'true',
      'function-registry': '10.231.0.1:5000/functions',
      'builder-registry-mirrors': 'docker.io=10.231.0.1:5000, quay.io=mirror.local',
    });
    expect(
      result.ok && [result.value.enableBuildStep, result.value.functionRegistry, result.value.builderRegistryMirrors],
    ).toEqual([true, '10.231.0.1:5000/functions', { 'docker.io': '10.231.0.1:5000', 'quay.io': 'mirror.local' }]);
  });

  it('honours the generator options', () => {
    const data = defaultKubelessConfigData({
      imageRepository: 'reg.local/k',
      functionsNamespace: 'team-a',
      deployment: 'spec:\n  replicas: 2\n',
    });
    const result = parseKubelessConfig(data);
    expect(result.ok && result.value.functionsNamespace).toBe('team-a');
    expect(result.ok && result.value.deployment).toEqual({ spec: { replicas: 2 } });
    expect(result.ok && result.value.provisionImage).toBe('reg.local/k/provision:latest');
  });

  it('fills defaults for absent keys except runtime-images', () => {
    const result = parseKubelessConfig({ 'runtime-images': JSON.stringify(defaultRuntimeCatalogue()) });
    expect(result.ok && result.value.enableBuildStep).toBe(false);
    expect(parseKubelessConfig(undefined)).toEqual({
      ok: false,
      issues: [
        {
          field: 'runtime-images',
          message: 'is missing; expected a JSON array of runtimes (see the default kubeless-config)',
        },
      ],
    });
  });

  it.each([
    [{ 'enable-build-step': 'yes' }, 'enable-build-step', '"yes" is not a boolean; expected "true" or "false"'],
    [{ 'enable-build-step': 'true' }, 'function-registry', 'is required when enable-build-step is "true"'],
    [
      { 'function-registry': 'https://reg.example' },
      'function-registry',
      'is not a registry; expected host[:port][/path]',
    ],
    [
      { 'builder-registry-mirrors': 'docker.io' },
      'builder-registry-mirrors',
      '"docker.io" is not registry=host[:port]',
    ],
    [{ deployment: 'spec: [' }, 'deployment', 'is not valid YAML or JSON'],
    [{ deployment: '- a\n- b' }, 'deployment', 'expected a Deployment object (a YAML/JSON mapping)'],
    [{ deployment: 'spec: {}\nspec: {}' }, 'deployment', 'duplicated mapping key'],
    [
      { deployment: 'sepc:\n  replicas: 2' },
      'deployment.sepc',
      'is not a Deployment field; expected apiVersion, kind, metadata or spec',
    ],
    [{ 'functions-namespace': 'Team_A' }, 'functions-namespace', 'is not a valid DNS-1123 label'],
    [
      { 'service-type': 'Ingress' },
      'service-type',
      '"Ingress" is not a service type; expected one of ClusterIP, NodePort, LoadBalancer',
    ],
    [{ 'provision-image': '' }, 'provision-image', 'is not an image reference'],
    [{ 'runtime-images': '[{"ID": "x1"}]' }, 'runtime-images[0].ID', 'must be letters'],
  ])('reports %j', (override, field, message) => {
    const result = parseKubelessConfig({ ...defaultKubelessConfigData(), ...override });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual({ field, message: expect.stringContaining(message) });
  });
});
