import type { ParseResult } from './parse-result.js';
import type {
  ImagePullSecret,
  PhaseSecret,
  RuntimeCatalogue,
  RuntimeImage,
  RuntimeInfo,
  RuntimePhase,
  RuntimeVersion,
} from './runtime-catalogue.js';
import { RUNTIME_PHASES } from './runtime-catalogue.js';
import type { ValidationIssue } from './validation-issue.js';

/**
 * Reads `runtime-images` JSON. Kubeless decoded it with Go's case-insensitive
 * JSON field matching, so `id`, `Id` and `ID` are all the same key here too;
 * every problem is reported with its path instead of stopping at the first.
 */
class Reader {
  readonly issues: ValidationIssue[] = [];

  object(value: unknown, field: string): Map<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.issues.push({ field, message: 'expected an object' });
      return undefined;
    }
    return new Map(Object.entries(value).map(([key, entry]) => [key.toLowerCase(), entry]));
  }

  array(value: unknown, field: string): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.issues.push({ field, message: 'expected an array' });
      return undefined;
    }
    return value;
  }

  string(fields: Map<string, unknown>, key: string, field: string, required: boolean): string | undefined {
    const value = fields.get(key.toLowerCase());
    if (value === undefined || value === null) {
      if (required) this.issues.push({ field: `${field}.${key}`, message: 'is required' });
      return undefined;
    }
    if (typeof value !== 'string') {
      this.issues.push({ field: `${field}.${key}`, message: 'expected a string' });
      return undefined;
    }
    if (required && value === '') this.issues.push({ field: `${field}.${key}`, message: 'must not be empty' });
    return value;
  }

  stringMap(value: unknown, field: string): Record<string, string> | undefined {
    const fields = this.object(value, field);
    if (fields === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      if (typeof entry === 'string') out[key] = entry;
      else this.issues.push({ field: `${field}.${key}`, message: 'expected a string value' });
    }
    return out;
  }
}

function readSecrets(reader: Reader, value: unknown, field: string): PhaseSecret[] {
  return (reader.array(value, field) ?? []).flatMap((entry, index) => {
    const fields = reader.object(entry, `${field}[${index}]`);
    const name = fields && reader.string(fields, 'name', `${field}[${index}]`, true);
    return name ? [{ name }] : [];
  });
}

function readImage(reader: Reader, value: unknown, field: string): RuntimeImage | undefined {
  const fields = reader.object(value, field);
  if (fields === undefined) return undefined;
  const phase = reader.string(fields, 'phase', field, true);
  const image = reader.string(fields, 'image', field, true);
  const command = reader.string(fields, 'command', field, false);
  if (phase !== undefined && !(RUNTIME_PHASES as readonly string[]).includes(phase)) {
    reader.issues.push({
      field: `${field}.phase`,
      message: `"${phase}" is not a phase; expected one of ${RUNTIME_PHASES.join(', ')}`,
    });
    return undefined;
  }
  if (phase === undefined || image === undefined) return undefined;
  const result: RuntimeImage = { phase: phase as RuntimePhase, image };
  if (command !== undefined) result.command = command;
  if (fields.has('env') && fields.get('env') !== null)
    result.env = reader.stringMap(fields.get('env'), `${field}.env`) ?? {};
  if (fields.has('secrets') && fields.get('secrets') !== null)
    result.secrets = readSecrets(reader, fields.get('secrets'), `${field}.secrets`);
  return result;
}

function readPullSecrets(reader: Reader, value: unknown, field: string): ImagePullSecret[] {
  return (reader.array(value, field) ?? []).flatMap((entry, index) => {
    const fields = reader.object(entry, `${field}[${index}]`);
    const imageSecret = fields && reader.string(fields, 'imageSecret', `${field}[${index}]`, true);
    return imageSecret ? [{ imageSecret }] : [];
  });
}

function readAliases(reader: Reader, value: unknown, field: string): string[] {
  return (reader.array(value, field) ?? []).flatMap((entry, index) => {
    if (typeof entry !== 'string' || !/^[a-zA-Z_-]+[0-9.]+$/.test(entry)) {
      reader.issues.push({
        field: `${field}[${index}]`,
        message: 'expected a runtime name: letters, "_" or "-", then digits and dots (e.g. nodejs14)',
      });
      return [];
    }
    return [entry];
  });
}

function readVersion(reader: Reader, value: unknown, field: string): RuntimeVersion | undefined {
  const fields = reader.object(value, field);
  if (fields === undefined) return undefined;
  const name = reader.string(fields, 'name', field, true);
  const version = reader.string(fields, 'version', field, true);
  if (version !== undefined && version !== '' && !/^[0-9.]+$/.test(version)) {
    reader.issues.push({
      field: `${field}.version`,
      message: `"${version}" must be digits and dots (e.g. 3.12) so that runtime names can be split into ID and version`,
    });
  }
  const images = (reader.array(fields.get('images'), `${field}.images`) ?? []).flatMap(
    (entry, index) => readImage(reader, entry, `${field}.images[${index}]`) ?? [],
  );
  if (fields.has('images') && !images.some((image) => image.phase === 'runtime')) {
    reader.issues.push({ field: `${field}.images`, message: 'must include an image for the runtime phase' });
  }
  if (name === undefined || version === undefined) return undefined;
  const result: RuntimeVersion = { name, version, images };
  const pullSecrets = fields.get('imagepullsecrets');
  if (pullSecrets !== undefined && pullSecrets !== null)
    result.imagePullSecrets = readPullSecrets(reader, pullSecrets, `${field}.imagePullSecrets`);
  const aliases = fields.get('aliases');
  if (aliases !== undefined && aliases !== null) result.aliases = readAliases(reader, aliases, `${field}.aliases`);
  return result;
}

function readRuntime(reader: Reader, value: unknown, field: string): RuntimeInfo | undefined {
  const fields = reader.object(value, field);
  if (fields === undefined) return undefined;
  const id = reader.string(fields, 'ID', field, true);
  if (id !== undefined && id !== '' && !/^[a-zA-Z_-]+$/.test(id)) {
    reader.issues.push({
      field: `${field}.ID`,
      message: `"${id}" must be letters, "_" or "-" only so that runtime names can be split into ID and version`,
    });
  }
  const depName = reader.string(fields, 'depName', field, false) ?? '';
  const fileNameSuffix = reader.string(fields, 'fileNameSuffix', field, false) ?? '';
  const versions = (reader.array(fields.get('versions'), `${field}.versions`) ?? []).flatMap(
    (entry, index) => readVersion(reader, entry, `${field}.versions[${index}]`) ?? [],
  );
  if (id === undefined) return undefined;
  const result: RuntimeInfo = { ID: id, versions, depName, fileNameSuffix };
  const probe = fields.get('livenessprobeinfo');
  if (probe !== undefined && probe !== null && reader.object(probe, `${field}.livenessProbeInfo`) !== undefined) {
    result.livenessProbeInfo = probe as Record<string, unknown>;
  }
  return result;
}

/** A name (runtime or alias) must lead to one version only, or which runtime runs a Function would depend on the order of entries. */
function duplicateIssues(catalogue: RuntimeCatalogue, field: string): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  const names = catalogue.flatMap((info) => info.versions.map((version) => `${info.ID}${version.version}`));
  const aliases = catalogue.flatMap((info) => info.versions.flatMap((version) => version.aliases ?? []));
  for (const name of names) {
    if (seen.has(name)) issues.push({ field, message: `runtime ${name} is defined more than once` });
    seen.add(name);
  }
  for (const alias of aliases) {
    if (seen.has(alias))
      issues.push({ field, message: `alias ${alias} is already a runtime or an alias of another runtime` });
    seen.add(alias);
  }
  return issues;
}

/** Parses the value of the `runtime-images` key (JSON text or already-decoded JSON). */
export function parseRuntimeCatalogue(input: unknown, field = 'runtime-images'): ParseResult<RuntimeCatalogue> {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, issues: [{ field, message: `is not valid JSON: ${(error as Error).message}` }] };
    }
  }
  const reader = new Reader();
  const catalogue = (reader.array(value, field) ?? []).flatMap(
    (entry, index) => readRuntime(reader, entry, `${field}[${index}]`) ?? [],
  );
  const issues = [...reader.issues, ...duplicateIssues(catalogue, field)];
  return issues.length === 0 ? { ok: true, value: catalogue } : { ok: false, issues };
}
