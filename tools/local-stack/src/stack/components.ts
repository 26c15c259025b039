import { join } from 'node:path';

/** A kubeless process the local stack runs, as the Helm chart would deploy it. */
export interface Component {
  readonly app: string;
  /** ServiceAccount (and role) name, as in the chart. */
  readonly identity: string;
  readonly needsKafka: boolean;
  readonly extraEnv?: (context: ComponentContext) => Record<string, string>;
}

export interface ComponentContext {
  readonly gatewayUrl: string;
  readonly brokers: string;
}

/**
 * Routes function calls made by cron jobs and the Kafka consumer through the
 * local gateway. The two apps name the function placeholder differently
 * (`{function}` in the consumer, `{name}` in the cron controller), so each
 * gets the spelling it accepts.
 */
const viaGateway = (context: ComponentContext) => ({
  KUBELESS_FUNCTION_URL_TEMPLATE: `${context.gatewayUrl}/{namespace}/{function}`,
});

export const components: readonly Component[] = [
  { app: 'function-controller', identity: 'function-controller', needsKafka: false },
  { app: 'http-trigger-controller', identity: 'http-trigger-controller', needsKafka: false },
  {
    app: 'cronjob-trigger-controller',
    identity: 'cronjob-trigger-controller',
    needsKafka: false,
    extraEnv: viaGateway,
  },
  { app: 'kafka-trigger-controller', identity: 'kafka-trigger-controller', needsKafka: true },
  { app: 'kafka-consumer', identity: 'kafka-consumer', needsKafka: true, extraEnv: viaGateway },
];

export const bundleOf = (workspaceRoot: string, app: string) => join(workspaceRoot, 'dist', 'apps', app, 'main.mjs');
export const rulesOf = (workspaceRoot: string, app: string) => join(workspaceRoot, 'apps', app, 'rbac', 'rules.yaml');
