// Lint is part of the test command; every rule that guards architecture is at error.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const k8sClient = '@kubernetes/client-node';

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.nx/**', '**/tmp/**', '**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { '@nx': nx },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        fetch: 'readonly',
        structuredClone: 'readonly',
        setImmediate: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        Response: 'readonly',
        Headers: 'readonly',
        Request: 'readonly',
      },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
            // The Kubernetes client is reached only through libs/k8s (and the test environment).
            { sourceTag: 'scope:shared', bannedExternalImports: [k8sClient, 'yargs', 'kafkajs', 'fastify'] },
            { sourceTag: 'scope:controller', bannedExternalImports: [k8sClient, 'yargs', 'kafkajs'] },
            { sourceTag: 'scope:cli', bannedExternalImports: [k8sClient, 'kafkajs', 'fastify'] },
            { sourceTag: 'scope:kafka', bannedExternalImports: [k8sClient, 'yargs'] },
            { sourceTag: 'scope:k8s', bannedExternalImports: ['yargs', 'kafkajs'] },
            {
              sourceTag: 'scope:runtime',
              onlyDependOnLibsWithTags: ['scope:runtime'],
              bannedExternalImports: [k8sClient, 'yargs', 'kafkajs', '@kubeless-ts/*'],
            },
            { sourceTag: 'scope:testenv', bannedExternalImports: ['yargs'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object and a derived union instead of enum.' },
      ],
    },
  },
  {
    // The test environment is for tests, the local stack and benchmarks, never for shipped code.
    files: ['libs/**/src/**/*.ts', 'apps/**/src/**/*.ts'],
    // libs/controller-testing is itself test support, used only from specs.
    ignores: ['**/*.spec.ts', '**/*.bench.ts', '**/bench/**', 'libs/controller-testing/**', 'libs/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@kubeless-ts/testenv', message: 'Only tests and tools may use the test environment.' },
            { name: '@kubeless-ts/controller-testing', message: 'Only tests may use the controller test support.' },
            { name: '@kubeless-ts/test-support', message: 'Only tests may use the test support.' },
          ],
        },
      ],
    },
  },
  {
    // Benchmarks sit next to the app they measure but never ship with it: each may use the
    // workspace's bench kit whatever its app's scope allows (a runtime may import no workspace lib).
    files: ['apps/*/bench/**'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: ['@kubeless-ts/bench-kit'], banTransitiveDependencies: false },
      ],
    },
  },
  {
    // Tests may assert on values they know are there.
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Only a program's entry point may end the process.
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Libraries never exit the process; throw a typed error.' },
      ],
    },
  },
  // Formatting is Prettier's (npm run format); lint keeps no style rule that could disagree with it.
  prettier,
];
