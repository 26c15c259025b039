import { createFunctionMetrics, methodMetrics } from './function-metrics.js';

describe('methodMetrics', () => {
  it('counts calls, failures and durations under the method label', async () => {
    const metrics = createFunctionMetrics();
    const byMethod = methodMetrics(metrics);
    byMethod('GET').started();
    byMethod('GET').ended(0.002, false);
    byMethod('POST').started();
    byMethod('POST').ended(1.5, true);
    byMethod('GET').started();
    const text = await metrics.registry.metrics();
    expect(text).toContain('function_calls_total{method="GET"} 2');
    expect(text).toContain('function_calls_total{method="POST"} 1');
    expect(text).toContain('function_failures_total{method="POST"} 1');
    expect(text).not.toContain('function_failures_total{method="GET"}');
    expect(text).toContain('function_duration_seconds_count{method="GET"} 1');
    expect(text).toContain('function_duration_seconds_sum{method="POST"} 1.5');
    expect(text).toContain('function_duration_seconds_bucket{le="0.005",method="GET"} 1');
  });
});
