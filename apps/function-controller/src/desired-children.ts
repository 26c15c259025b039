import { runtimeAliasNotice } from '@kubeless-ts/api';
import type { KubelessConfig, KubelessFunction } from '@kubeless-ts/api';
import type { ConfigMap, Deployment, HorizontalPodAutoscaler, Job, Service } from '@kubeless-ts/k8s';
import { desiredBuildJob } from './build-job.js';
import { canonicalHash } from './canonical-hash.js';
import { Annotations } from './child-metadata.js';
import { desiredConfigMap } from './desired-config-map.js';
import { customImage, desiredDeployment, userTemplate } from './desired-deployment.js';
import { functionBuild, type FunctionBuild } from './function-build.js';
import { desiredHorizontalPodAutoscaler } from './desired-hpa.js';
import { desiredService, functionPort } from './desired-service.js';
import { specProblem } from './function-check.js';
import { functionFacts, type RuntimeImageOverrides } from './function-runtime.js';
import type { SpecProblem } from './ready-reasons.js';
import { rolloutHash } from './rollout-hash.js';

export interface DesiredChildren {
  readonly configMap: ConfigMap;
  readonly service: Service;
  readonly deployment: Deployment;
  /** Undefined: the Function has no `horizontalPodAutoscaler`, so an owned HPA is deleted. */
  readonly horizontalPodAutoscaler: HorizontalPodAutoscaler | undefined;
}

/** With enable-build-step: the image of this content, and the Job that builds it. The Deployment in `children` runs that image. */
export interface DesiredBuild {
  readonly build: FunctionBuild;
  readonly job: () => Job;
}

/** `notice`: what the Ready condition adds to its message whatever the pods do (a runtime alias and what runs it). */
export type DesiredState =
  | { readonly ok: true; readonly children: DesiredChildren; readonly build?: DesiredBuild; readonly notice?: string }
  | { readonly ok: false; readonly problem: SpecProblem };

export interface DesiredInput {
  readonly fn: Readonly<KubelessFunction>;
  readonly config: KubelessConfig;
  readonly runtimeImageOverrides?: RuntimeImageOverrides;
}

type Child = { metadata?: { annotations?: Record<string, string> } };

/** Stamps what is applied with its own hash, so the planner can tell an up-to-date child without diffing server-defaulted fields. */
export function withAppliedHash<T extends Child>(child: T): T {
  const hash = canonicalHash(child);
  return {
    ...child,
    metadata: { ...child.metadata, annotations: { ...child.metadata?.annotations, [Annotations.APPLIED_HASH]: hash } },
  };
}

/** desired(Function, kubeless-config) → the four children, or why there are none. Pure. */
export function desired(input: DesiredInput): DesiredState {
  const { fn, config } = input;
  const problem = specProblem(fn, config);
  if (problem !== undefined) return { ok: false, problem };
  const facts = functionFacts(fn, config, input.runtimeImageOverrides ?? {});
  const hpa = desiredHorizontalPodAutoscaler(fn);
  const notice = facts.runtime && runtimeAliasNotice(facts.runtime);
  const build = functionBuild(fn, facts, config, {
    customImage: customImage(userTemplate(fn, config).template) !== undefined,
  });
  return {
    ok: true,
    ...(notice === undefined ? {} : { notice }),
    ...(build === undefined ? {} : { build: { build, job: () => desiredBuildJob({ fn, facts, config, build }) } }),
    children: {
      configMap: withAppliedHash(desiredConfigMap(fn, facts)),
      service: withAppliedHash(desiredService(fn)),
      deployment: withAppliedHash(
        desiredDeployment({
          fn,
          facts,
          config,
          targetPort: functionPort(fn),
          rolloutHash: rolloutHash(fn),
          builtImage: build?.image,
        }),
      ),
      horizontalPodAutoscaler: hpa && withAppliedHash(hpa),
    },
  };
}
