import { createControllerMetrics } from './controller-metrics.js';
import { createHealthServer, type ReadinessReport } from './health-server.js';

describe('health server', () => {
  function setup() {
    const metrics = createControllerMetrics({ controller: 'sample' });
    let report: ReadinessReport = { ready: false, checks: { 'informer:functions': false, leadership: 'unknown' } };
    const app = createHealthServer({ registry: metrics.registry, readiness: () => report });
    return { app, metrics, setReport: (r: ReadinessReport) => (report = r) };
  }

  it('answers /healthz', async () => {
    const { app } = setup();
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('ok');
  });

  it('answers /readyz with 503 and the failing checks until ready', async () => {
    const t = setup();
    const notReady = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toEqual({ ready: false, checks: { 'informer:functions': false, leadership: 'unknown' } });
    t.setReport({ ready: true, checks: { 'informer:functions': true, leadership: 'standby' } });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
  });

  it('exposes every reconcile and queue series from the start', async () => {
    const t = setup();
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    for (const line of [
      'controller_runtime_reconcile_total{controller="sample",result="success"} 0',
      'controller_runtime_reconcile_total{controller="sample",result="terminal_error"} 0',
      'controller_runtime_reconcile_errors_total{controller="sample"} 0',
      'controller_runtime_reconcile_time_seconds_count{controller="sample"} 0',
      'workqueue_depth{name="sample"} 0',
      'workqueue_adds_total{name="sample"} 0',
      'workqueue_retries_total{name="sample"} 0',
      'workqueue_queue_duration_seconds_count{name="sample"} 0',
      'workqueue_work_duration_seconds_count{name="sample"} 0',
      'leader_election_master_status{name="sample"} 0',
    ]) {
      expect(res.body).toContain(line);
    }
  });

  it('counts failures once in the errors counter', async () => {
    const t = setup();
    t.metrics.reconciled('error', 0.2);
    t.metrics.reconciled('terminal_error', 0.1);
    t.metrics.reconciled('success', 0.1);
    const body = await t.metrics.registry.metrics();
    expect(body).toContain('controller_runtime_reconcile_errors_total{controller="sample"} 2');
    expect(body).toContain('controller_runtime_reconcile_total{controller="sample",result="success"} 1');
  });

  it('keeps a separate registry per controller', async () => {
    const a = createControllerMetrics({ controller: 'a' });
    const b = createControllerMetrics({ controller: 'b' });
    a.reconciled('success', 0.1);
    expect(await b.registry.metrics()).not.toContain('controller="a"');
  });
});
