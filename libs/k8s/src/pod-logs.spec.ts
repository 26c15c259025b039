import { ErrorCodes } from '@kubeless-ts/errors';
import { followPodLogs, readPodLogs } from './pod-logs.js';
import { FakeApiTransport } from '../test/fake-api-transport.js';

describe('pod logs', () => {
  it('reads a container log with tail and timestamps', async () => {
    const transport = new FakeApiTransport().respond({
      status: 200,
      body: 'line 1\nline 2\n',
      headers: { 'content-type': 'text/plain' },
    });
    await expect(
      readPodLogs(transport, {
        namespace: 'demo',
        pod: 'hello-7d9',
        container: 'hello',
        tailLines: 10,
        timestamps: true,
      }),
    ).resolves.toBe('line 1\nline 2\n');
    expect(transport.last).toMatchObject({
      method: 'GET',
      path: '/api/v1/namespaces/demo/pods/hello-7d9/log',
      query: { container: 'hello', tailLines: 10, timestamps: true, follow: undefined },
    });
  });

  it('follows a log as a stream', async () => {
    const transport = new FakeApiTransport().streamOnce({ lines: ['started', 'serving'] });
    const stream = await followPodLogs(transport, { namespace: 'demo', pod: 'hello-7d9' });
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    expect(text).toBe('started\nserving\n');
    expect(transport.last.query).toMatchObject({ follow: true });
  });

  it('maps a container that is not running yet (400) to INVALID with the server message', async () => {
    const transport = new FakeApiTransport().respond({
      status: 400,
      body: {
        kind: 'Status',
        status: 'Failure',
        code: 400,
        reason: 'BadRequest',
        message: 'container "hello" in pod "hello-7d9" is waiting to start: PodInitializing',
      },
    });
    await expect(readPodLogs(transport, { namespace: 'demo', pod: 'hello-7d9' })).rejects.toMatchObject({
      code: ErrorCodes.INVALID.code,
      message: expect.stringContaining('waiting to start'),
    });
  });
});
