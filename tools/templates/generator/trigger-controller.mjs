// `--template trigger-controller`: a new trigger kind (schema, validator, registry entries, CRD manifest)
// and its controller app, from the files under tools/templates/trigger-controller/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { formatSource } from './format-sources.mjs';
import { kindNames } from './kind-names.mjs';
import { renderTemplate } from './render-template.mjs';
import { ScaffoldError } from './scaffold-error.mjs';
import { registryEdits, takenNames } from './trigger-controller-registry.mjs';
import { addWorkspaceToLock } from './workspace-lock.mjs';

const TEMPLATE_DIR = join(import.meta.dirname, '..', 'trigger-controller');

function templateFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tmpl'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** What is left by hand: printed after generating, and listed in docs/adding-a-controller.md. */
export function checklist(t) {
  return [
    `Replace the example: spec.source (libs/api/src/resource-types.ts, ${t['kind-name']}-schema.ts, -validator.ts) and the ConfigMap child (apps/${t.app}/src/desired-config-map.ts, config-map-rules.ts, rbac/rules.yaml).`,
    `Helm: add ${t.app} to CHART_APPS in deploy/src/chart-apps.ts, then run \`npx nx run deploy:sync\` (the CRD in the kubeless-crds subchart, the subchart, docs/rbac.md, deploy/install.yaml; deploy's specs fail until it has run).`,
    `CLI: \`kubeless trigger ${t['kind-name'].replace(/-trigger$/, '')} create|list|delete\` in apps/cli/src/commands/trigger/ (model: cronjob-trigger.ts, cronjob.command.ts).`,
    `Integration: a *.int.spec.ts against the real apiserver (model: apps/cronjob-trigger-controller/src/cronjob-trigger-controller.int.spec.ts) and an \`integration\` target in apps/${t.app}/project.json.`,
    `Local stack: an entry in tools/local-stack/src/stack/components.ts; a builder a${t.Kind}() in libs/api/src/testing if other specs need the kind.`,
  ];
}

function plannedFiles(root, t) {
  const targets = [
    { from: join(TEMPLATE_DIR, 'app'), to: `apps/${t.app}` },
    { from: join(TEMPLATE_DIR, 'api'), to: 'libs/api/src' },
  ];
  return targets.flatMap(({ from, to }) =>
    templateFiles(from).map((file) => ({
      path: join(to, renderTemplate(file, t, file).replace(/\.tmpl$/, '')),
      text: renderTemplate(readFileSync(join(from, file), 'utf8'), t, file),
    })),
  );
}

/**
 * Checks everything, computes every file and edit in memory, then writes: a refused request leaves the
 * tree as it was. Resolves to the created and edited paths and the checklist.
 */
export async function generateTriggerController(root, options) {
  const resourceTypes = readFileSync(join(root, 'libs/api/src/resource-types.ts'), 'utf8');
  const t = kindNames(options, takenNames(resourceTypes));
  const expected = `apps/${t.app}`;
  if (normalize(options.dir).replace(/\/$/, '') !== expected)
    throw new ScaffoldError(
      `for --kind ${t.Kind} the app is ${expected}, not ${options.dir}`,
      `run it with ${expected}`,
    );
  if (readFileSync(join(root, 'libs/k8s/src/kube-clients.ts'), 'utf8').includes(`readonly ${t.clients}:`))
    throw new ScaffoldError(`KubeClients already has a "${t.clients}" client`, 'pass another --plural');
  const files = plannedFiles(root, t);
  const existing = [expected, ...files.map((file) => file.path)].filter((path) => existsSync(join(root, path)));
  if (existing.length > 0)
    throw new ScaffoldError(
      `${existing[0]} already exists; new-project never overwrites`,
      'remove it or pick another --kind',
    );
  const edits = registryEdits(t).map(({ file, edit }) => ({
    path: file,
    text: edit(readFileSync(join(root, file), 'utf8'), file),
  }));
  const writes = await Promise.all(
    [...files, ...edits].map(async (file) => ({ ...file, text: await formatSource(root, file.path, file.text) })),
  );
  for (const { path, text } of writes) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  addWorkspaceToLock(root, expected, `@kubeless-ts/${t.app}`);
  // deploy/crds/<plural>.kubeless.io.yaml, from the schema just registered (target `api:generate`).
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      '--tsconfig',
      'libs/api/tsconfig.json',
      'libs/api/scripts/generate-crds.ts',
    ],
    { cwd: root, stdio: 'pipe' },
  );
  return {
    created: [...files.map((file) => file.path), `deploy/crds/${t.plural}.kubeless.io.yaml`],
    edited: [...edits.map((edit) => edit.path), 'package-lock.json'],
    checklist: checklist(t),
  };
}
