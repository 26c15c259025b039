import { parseControllerSettings, wholeNumberSetting, type ControllerSettings } from '@kubeless-ts/controller-kit';

export interface Settings extends ControllerSettings {
  /** How often a trigger whose topic is missing is checked again. */
  readonly topicRecheckMs: number;
}

const SPEC = {
  name: 'kafka-trigger-controller',
  defaultHealthPort: 8081,
  flags: { 'topic-recheck-seconds': '[--topic-recheck-seconds 5]' },
  environment: ['KAFKA_BROKERS and the other KAFKA_* connection settings (libs/kafka)'],
} as const;

/** The kit's controller settings plus this controller's topic re-check period. */
export function parseSettings(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Settings {
  const { settings, flags, usageError } = parseControllerSettings(SPEC, argv, env);
  const recheck = wholeNumberSetting(
    '--topic-recheck-seconds',
    flags['topic-recheck-seconds'] ?? '5',
    { min: 1, max: 3600 },
    usageError,
  );
  return { ...settings, topicRecheckMs: recheck * 1000 };
}
