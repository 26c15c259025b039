/**
 * Records events.k8s.io/v1 Events about an object, the way `kubectl describe`
 * and `kubectl get events` show them (Normal progress, Warning problems such
 * as a refused adoption).
 */
import { randomBytes } from 'node:crypto';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { KubeEvent } from './k8s-models.js';
import { toMicroTime } from './micro-time.js';
import type { ResourceClient } from './resource-client.js';

export const EventTypes = { NORMAL: 'Normal', WARNING: 'Warning' } as const;
export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

export interface InvolvedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
}

export interface EventRecord {
  readonly type: EventType;
  /** UpperCamelCase, e.g. `OwnershipConflict`. */
  readonly reason: string;
  /** What the controller did or failed to do, e.g. `Reconcile`. */
  readonly action: string;
  readonly note: string;
}

export interface EventRecorderOptions {
  /** e.g. `kubeless.io/function-controller`. */
  readonly reportingController: string;
  /** e.g. the pod name; at most 128 characters. */
  readonly reportingInstance: string;
  readonly now?: () => Date;
}

export interface EventRecorder {
  /** Rejects (mapped) when the Event cannot be written; callers decide whether that matters. */
  record(involved: InvolvedObject, event: EventRecord, signal?: AbortSignal): Promise<void>;
}

/** The API server limits an Event note to 1 kB. */
const MAX_NOTE_LENGTH = 1024;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

export function buildEvent(
  involved: InvolvedObject,
  event: EventRecord,
  options: EventRecorderOptions,
  now: Date,
): KubeEvent {
  const namespace = involved.namespace ?? 'default';
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: `${involved.name}.${now.getTime().toString(16)}${randomBytes(4).toString('hex')}`, namespace },
    eventTime: toMicroTime(now),
    type: event.type,
    reason: event.reason,
    action: event.action,
    note: truncate(event.note, MAX_NOTE_LENGTH),
    reportingController: options.reportingController,
    reportingInstance: truncate(options.reportingInstance, 128),
    regarding: {
      apiVersion: involved.apiVersion,
      kind: involved.kind,
      name: involved.name,
      namespace: involved.namespace,
      uid: involved.uid,
      resourceVersion: involved.resourceVersion,
    },
  };
}

/**
 * A controller that retries a failing object emits the same Warning again and
 * again. As client-go's events library does, a repeat within the window
 * becomes a `series` update (count, lastObservedTime) on the first Event
 * instead of a new object.
 */
const SERIES_WINDOW_MS = 6 * 60_000;
const MAX_REMEMBERED = 4096;

interface Recorded {
  readonly namespace: string;
  readonly name: string;
  readonly firstAt: number;
  count: number;
}

function seriesKey(involved: InvolvedObject, event: EventRecord): string {
  const who = involved.uid ?? `${involved.kind}/${involved.namespace ?? ''}/${involved.name}`;
  return [who, event.type, event.reason, event.action, event.note].join('\u0000');
}

export function eventRecorderFor(events: ResourceClient<KubeEvent>, options: EventRecorderOptions): EventRecorder {
  const now = options.now ?? (() => new Date());
  const recent = new Map<string, Recorded>();
  return {
    async record(involved, event, signal) {
      const at = now();
      const key = seriesKey(involved, event);
      const previous = recent.get(key);
      if (previous && at.getTime() - previous.firstAt < SERIES_WINDOW_MS) {
        previous.count += 1;
        const series = { count: previous.count, lastObservedTime: toMicroTime(at) };
        const found = await events
          .patch(previous.name, { type: 'merge', patch: { series } }, { namespace: previous.namespace, signal })
          .then(
            () => true,
            (error: unknown) => {
              // The first Event may have expired (default TTL 1 h) or been deleted: start a new one.
              if (error instanceof KubelessError && error.code === ErrorCodes.NOT_FOUND.code) return false;
              throw error;
            },
          );
        if (found) return;
      }
      const created = await events.create(buildEvent(involved, event, options, at), { signal });
      if (recent.size >= MAX_REMEMBERED) recent.delete(recent.keys().next().value ?? '');
      recent.delete(key);
      recent.set(key, {
        namespace: created.metadata?.namespace ?? '',
        name: created.metadata?.name ?? '',
        firstAt: at.getTime(),
        count: 1,
      });
    },
  };
}
