// Every spelling of a new trigger kind the templates use, derived from `--kind` and checked up front.
import { ScaffoldError } from './scaffold-error.mjs';

const KIND_PATTERN = /^[A-Z][A-Za-z0-9]*Trigger$/;
// The CRD's metadata.name is <plural>.kubeless.io; the api lib's CRD spec holds plurals to lower-case letters.
const PLURAL_PATTERN = /^[a-z]+$/;
const SHORT_NAME_PATTERN = /^[a-z][a-z0-9]*$/;

/** `MQTTBridgeTrigger` → ['MQTT', 'Bridge', 'Trigger']. */
function words(kind) {
  return kind.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
}

/**
 * @param {{ kind: string | undefined, plural?: string, shortName?: string }} options
 * @param {{ kinds: string[], plurals: string[], shortNames: string[] }} taken what the registries already hold
 * @returns {Record<string, string>} the template tokens
 */
export function kindNames(options, taken) {
  const { kind } = options;
  if (kind === undefined)
    throw new ScaffoldError('--kind is required for --template trigger-controller', 'e.g. --kind MqttTrigger');
  if (!KIND_PATTERN.test(kind) || kind === 'Trigger')
    throw new ScaffoldError(
      `--kind ${JSON.stringify(kind)} is not a trigger kind`,
      'expected PascalCase ending in Trigger, e.g. MqttTrigger',
    );
  const parts = words(kind);
  const defaultPlural = `${kind.toLowerCase()}s`;
  const plural = options.plural ?? defaultPlural;
  if (!PLURAL_PATTERN.test(plural))
    throw new ScaffoldError(
      `--plural ${JSON.stringify(plural)} must be lower-case letters only`,
      `e.g. --plural ${defaultPlural}`,
    );
  const shortName = options.shortName ?? parts.map((part) => part[0].toLowerCase()).join('');
  if (!SHORT_NAME_PATTERN.test(shortName))
    throw new ScaffoldError(`--short-name ${JSON.stringify(shortName)} must be lower-case letters and digits`);
  if (taken.kinds.includes(kind)) throw new ScaffoldError(`kind ${kind} is already registered in libs/api`);
  if (taken.plurals.includes(plural))
    throw new ScaffoldError(`plural ${plural} is already taken`, 'pass another --plural');
  if (taken.shortNames.includes(shortName))
    throw new ScaffoldError(`short name ${shortName} is already taken (kubectl get ${shortName})`, 'pass --short-name');
  const kebab = parts.map((part) => part.toLowerCase()).join('-');
  return {
    Kind: kind,
    kind: kind[0].toLowerCase() + kind.slice(1),
    'kind-name': kebab,
    plural,
    singular: kind.toLowerCase(),
    shortName,
    // `clients.mqttTriggers`; a plural given by hand is used as it is (it is a valid identifier).
    clients: plural === defaultPlural ? `${kind[0].toLowerCase()}${kind.slice(1)}s` : plural,
    app: `${kebab}-controller`,
  };
}
