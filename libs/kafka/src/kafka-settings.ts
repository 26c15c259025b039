import { readFileSync } from 'node:fs';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';

export const SaslMechanisms = {
  plain: 'plain',
  scramSha256: 'scram-sha-256',
  scramSha512: 'scram-sha-512',
} as const;
export type SaslMechanism = (typeof SaslMechanisms)[keyof typeof SaslMechanisms];

/** Environment variable names, as Kubeless used them (plus the SASL mechanism it lacked). */
export const KafkaEnv = {
  brokers: 'KAFKA_BROKERS',
  enableTls: 'KAFKA_ENABLE_TLS',
  caCerts: 'KAFKA_CACERTS',
  cert: 'KAFKA_CERT',
  key: 'KAFKA_KEY',
  insecure: 'KAFKA_INSECURE',
  enableSasl: 'KAFKA_ENABLE_SASL',
  username: 'KAFKA_USERNAME',
  password: 'KAFKA_PASSWORD',
  saslMechanism: 'KAFKA_SASL_MECHANISM',
} as const;

export const DEFAULT_KAFKA_BROKERS: readonly string[] = ['kafka.kubeless:9092'];

export interface KafkaTlsSettings {
  /** PEM contents, read at load time so a missing file fails at start. */
  readonly ca: string | undefined;
  readonly cert: string | undefined;
  readonly key: string | undefined;
  /** False only with KAFKA_INSECURE=true: the broker certificate is not verified. */
  readonly rejectUnauthorized: boolean;
}

export interface KafkaSaslSettings {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** Validated connection settings; the only input `createKafkaClient` accepts. */
export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly tls: KafkaTlsSettings | undefined;
  readonly sasl: KafkaSaslSettings | undefined;
}

/** Values that win over the environment (CLI flags, test fixtures). Unset fields fall back to env. */
export interface KafkaSettingsOverrides {
  readonly brokers?: string | readonly string[];
  readonly enableTls?: boolean;
  readonly caCertsFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly insecure?: boolean;
  readonly enableSasl?: boolean;
  readonly username?: string;
  readonly password?: string;
  readonly saslMechanism?: SaslMechanism;
}

export interface LoadKafkaSettingsOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly overrides?: KafkaSettingsOverrides;
  readonly clientId?: string;
  /** Injected for tests; reads a PEM file as UTF-8. */
  readonly readFile?: (path: string) => string;
}

/**
 * Reads KAFKA_* settings (overrides first, then env) and rejects every
 * inconsistent combination with KBL_ERR_KAFKA_CONFIG, so a bad installation
 * fails at start instead of at the first message.
 */
export function loadKafkaSettings(options: LoadKafkaSettingsOptions = {}): KafkaSettings {
  const env = options.env ?? process.env;
  const o = options.overrides ?? {};
  const read = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const brokers = parseBrokers(o.brokers ?? nonEmpty(env[KafkaEnv.brokers]));
  const tlsOn = o.enableTls ?? parseBool(env, KafkaEnv.enableTls);
  const saslOn = o.enableSasl ?? parseBool(env, KafkaEnv.enableSasl);
  const raw = {
    caCerts: o.caCertsFile ?? nonEmpty(env[KafkaEnv.caCerts]),
    cert: o.certFile ?? nonEmpty(env[KafkaEnv.cert]),
    key: o.keyFile ?? nonEmpty(env[KafkaEnv.key]),
    insecure: o.insecure ?? parseBool(env, KafkaEnv.insecure),
    username: o.username ?? nonEmpty(env[KafkaEnv.username]),
    password: o.password ?? nonEmpty(env[KafkaEnv.password]),
    mechanism: o.saslMechanism ?? nonEmpty(env[KafkaEnv.saslMechanism]),
  };
  return {
    brokers,
    clientId: options.clientId ?? 'kubeless-ts',
    tls: tlsOn ? tlsSettings(raw, read) : rejectTlsFields(raw),
    sasl: saslOn ? saslSettings(raw) : rejectSaslFields(raw),
  };
}

interface RawFields {
  readonly caCerts: string | undefined;
  readonly cert: string | undefined;
  readonly key: string | undefined;
  readonly insecure: boolean | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly mechanism: string | undefined;
}

function tlsSettings(raw: RawFields, read: (path: string) => string): KafkaTlsSettings {
  if ((raw.cert === undefined) !== (raw.key === undefined)) {
    const [set, missing] = raw.cert === undefined ? [KafkaEnv.key, KafkaEnv.cert] : [KafkaEnv.cert, KafkaEnv.key];
    throw configError(
      `${set} is set but ${missing} is not: a client certificate needs both the certificate and its key.`,
    );
  }
  return {
    ca: raw.caCerts === undefined ? undefined : readPem(KafkaEnv.caCerts, raw.caCerts, read),
    cert: raw.cert === undefined ? undefined : readPem(KafkaEnv.cert, raw.cert, read),
    key: raw.key === undefined ? undefined : readPem(KafkaEnv.key, raw.key, read),
    rejectUnauthorized: raw.insecure !== true,
  };
}

function rejectTlsFields(raw: RawFields): undefined {
  const set = [
    raw.caCerts !== undefined ? KafkaEnv.caCerts : undefined,
    raw.cert !== undefined ? KafkaEnv.cert : undefined,
    raw.key !== undefined ? KafkaEnv.key : undefined,
    raw.insecure === true ? KafkaEnv.insecure : undefined,
  ].filter((name): name is NonNullable<typeof name> => name !== undefined);
  if (set.length > 0) {
    throw configError(
      `${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set but ${KafkaEnv.enableTls} is not true; these settings only apply to TLS connections.`,
    );
  }
  return undefined;
}

function saslSettings(raw: RawFields): KafkaSaslSettings {
  const missing = [
    raw.username === undefined ? KafkaEnv.username : undefined,
    raw.password === undefined ? KafkaEnv.password : undefined,
  ].filter((name): name is NonNullable<typeof name> => name !== undefined);
  if (raw.username === undefined || raw.password === undefined) {
    throw configError(
      `${KafkaEnv.enableSasl} is true but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`,
    );
  }
  return { mechanism: parseMechanism(raw.mechanism), username: raw.username, password: raw.password };
}

function rejectSaslFields(raw: RawFields): undefined {
  const set = [
    raw.username !== undefined ? KafkaEnv.username : undefined,
    raw.password !== undefined ? KafkaEnv.password : undefined,
    raw.mechanism !== undefined ? KafkaEnv.saslMechanism : undefined,
  ].filter((name): name is NonNullable<typeof name> => name !== undefined);
  if (set.length > 0) {
    throw configError(
      `${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set but ${KafkaEnv.enableSasl} is not true; credentials would be silently ignored.`,
    );
  }
  return undefined;
}

function parseMechanism(value: string | undefined): SaslMechanism {
  if (value === undefined) return SaslMechanisms.plain;
  const known = Object.values(SaslMechanisms);
  const found = known.find((m) => m === value.toLowerCase());
  if (found === undefined)
    throw configError(`${KafkaEnv.saslMechanism}="${value}" is not supported; use one of ${known.join(', ')}.`);
  return found;
}

function parseBrokers(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return DEFAULT_KAFKA_BROKERS;
  const list = (typeof value === 'string' ? value.split(',') : value).map((b) => b.trim()).filter((b) => b !== '');
  if (list.length === 0) throw configError(`${KafkaEnv.brokers} is empty; give at least one host:port.`);
  for (const broker of list) {
    const match = /^(.+):(\d{1,5})$/.exec(broker);
    const port = match?.[2] === undefined ? NaN : Number(match[2]);
    if (!match || port < 1 || port > 65535)
      throw configError(`${KafkaEnv.brokers} entry "${broker}" is not host:port.`);
  }
  return list;
}

function parseBool(env: Readonly<Record<string, string | undefined>>, name: string): boolean | undefined {
  const value = nonEmpty(env[name])?.toLowerCase();
  if (value === undefined) return undefined;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw configError(`${name}="${env[name] ?? ''}" is not a boolean; use true or false.`);
}

function readPem(name: string, path: string, read: (path: string) => string): string {
  try {
    return read(path);
  } catch (error) {
    throw new KubelessError({
      code: ErrorCodes.KAFKA_CONFIG.code,
      message: `${name} names ${path}, which cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'Mount the file (for example from a Secret) at that path, or unset the variable.',
      terminal: true,
      cause: error,
      details: { variable: name, path },
    });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function configError(message: string): KubelessError {
  return new KubelessError({
    code: ErrorCodes.KAFKA_CONFIG.code,
    message,
    hint: ErrorCodes.KAFKA_CONFIG.fix,
    terminal: true,
  });
}

/** A one-line description for start-up logs; never includes the password or key material. */
export function describeKafkaSettings(settings: KafkaSettings): Record<string, unknown> {
  return {
    brokers: settings.brokers.join(','),
    tls:
      settings.tls === undefined
        ? false
        : {
            ca: settings.tls.ca !== undefined,
            clientCert: settings.tls.cert !== undefined,
            verify: settings.tls.rejectUnauthorized,
          },
    sasl:
      settings.sasl === undefined ? false : { mechanism: settings.sasl.mechanism, username: settings.sasl.username },
  };
}
