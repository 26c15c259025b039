import { eventRecorderFor } from './event-recorder.js';
import { ResourceClient } from './resource-client.js';
import { ResourceTypes } from './known-resources.js';
import { FakeApiTransport } from '../test/fake-api-transport.js';

const involved = { apiVersion: 'kubeless.io/v1beta1', kind: 'Function', name: 'hello', namespace: 'demo', uid: 'u-1' };
const warning = {
  type: 'Warning',
  reason: 'OwnershipConflict',
  action: 'Reconcile',
  note: 'Deployment hello is not owned by this Function',
} as const;

describe('eventRecorderFor', () => {
  let transport: FakeApiTransport;
  let clock: number;
  const recorder = () =>
    eventRecorderFor(new ResourceClient(transport, ResourceTypes.Event, 'm'), {
      reportingController: 'kubeless.io/function-controller',
      reportingInstance: 'pod-0',
      now: () => new Date(clock),
    });
  beforeEach(() => {
    transport = new FakeApiTransport();
    clock = Date.parse('2026-11-25T12:00:00Z');
  });

  it('creates an events.k8s.io/v1 Event regarding the object', async () => {
    transport.respond({ status: 201, body: { metadata: { name: 'hello.abc', namespace: 'demo' } } });
    await recorder().record(involved, warning);
    expect(transport.last).toMatchObject({ method: 'POST', path: '/apis/events.k8s.io/v1/namespaces/demo/events' });
    expect(transport.lastJson()).toMatchObject({
      type: 'Warning',
      reason: 'OwnershipConflict',
      action: 'Reconcile',
      eventTime: '2026-11-25T12:00:00.000000Z',
      reportingController: 'kubeless.io/function-controller',
      regarding: { kind: 'Function', name: 'hello', uid: 'u-1' },
    });
  });

  it('turns a repeat within six minutes into a series update, and starts over after', async () => {
    const events = recorder();
    transport.respond(
      { status: 201, body: { metadata: { name: 'hello.abc', namespace: 'demo' } } },
      { status: 200, body: {} },
      { status: 201, body: { metadata: { name: 'hello.def', namespace: 'demo' } } },
    );
    await events.record(involved, warning);
    clock += 60_000;
    await events.record(involved, warning);
    expect(transport.last).toMatchObject({
      method: 'PATCH',
      path: '/apis/events.k8s.io/v1/namespaces/demo/events/hello.abc',
    });
    expect(transport.lastJson()).toEqual({ series: { count: 2, lastObservedTime: '2026-11-25T12:01:00.000000Z' } });
    clock += 6 * 60_000;
    await events.record(involved, warning);
    expect(transport.last.method).toBe('POST');
  });

  it('creates a new Event when the first one is gone', async () => {
    const events = recorder();
    const gone = {
      status: 404,
      body: { kind: 'Status', status: 'Failure', code: 404, reason: 'NotFound', details: { name: 'hello.abc' } },
    };
    transport.respond({ status: 201, body: { metadata: { name: 'hello.abc', namespace: 'demo' } } }, gone, {
      status: 201,
      body: { metadata: { name: 'hello.xyz', namespace: 'demo' } },
    });
    await events.record(involved, warning);
    await events.record(involved, warning);
    expect(transport.requests.map((request) => request.method)).toEqual(['POST', 'PATCH', 'POST']);
  });
});
