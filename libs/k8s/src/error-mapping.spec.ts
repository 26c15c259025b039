import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { formatCauses, kubeCall, mapKubeError } from './error-mapping.js';
import type { CallTarget } from './call-target.js';

/** Shaped like client-node's ApiException. */
function apiException(code: number, body: unknown): Error & { code: number; body: unknown } {
  return Object.assign(new Error('Unsuccessful HTTP Request'), { code, body });
}

function status(code: number, reason: string, message: string, details: Record<string, unknown> = {}) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message, details };
}

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const getFn: CallTarget = {
  verb: 'get',
  kind: 'Function',
  resource: 'functions.kubeless.io',
  namespace: 'demo',
  name: 'hello',
};
const createFn: CallTarget = { ...getFn, verb: 'create' };

describe('mapKubeError: HTTP failures', () => {
  it('maps 404 to NOT_FOUND naming kind, namespace and name', () => {
    const err = mapKubeError(
      apiException(404, status(404, 'NotFound', 'functions.kubeless.io "hello" not found', { name: 'hello' })),
      getFn,
    );
    expect(err.code).toBe(ErrorCodes.NOT_FOUND.code);
    expect(err.message).toBe('Function "demo/hello" not found');
    expect(err.hint).toBeTruthy();
    expect(err.terminal).toBe(false);
    expect(err.details).toMatchObject({
      httpStatus: 404,
      reason: 'NotFound',
      kind: 'Function',
      namespace: 'demo',
      name: 'hello',
    });
  });

  it('says the CRD is missing when the URL itself is unknown', () => {
    const err = mapKubeError(
      apiException(404, status(404, 'NotFound', 'the server could not find the requested resource')),
      getFn,
    );
    expect(err.code).toBe(ErrorCodes.NOT_FOUND.code);
    expect(err.message).toContain('functions.kubeless.io');
    expect(err.message).toContain('CustomResourceDefinition');
    expect(err.details['apiMissing']).toBe(true);
  });

  it('treats a plain-text 404 (unknown API group) as a missing API too', () => {
    const err = mapKubeError(apiException(404, '404 page not found'), {
      verb: 'list',
      kind: 'Ghost',
      resource: 'ghosts.ghost.example.com',
      namespace: 'demo',
    });
    expect(err.details['apiMissing']).toBe(true);
    expect(err.message).toContain('ghosts.ghost.example.com');
  });

  it('accepts the body as a JSON string (client-node leaves undecoded bodies as text)', () => {
    const err = mapKubeError(
      apiException(409, JSON.stringify(status(409, 'AlreadyExists', 'functions.kubeless.io "hello" already exists'))),
      createFn,
    );
    expect(err.code).toBe(ErrorCodes.ALREADY_EXISTS.code);
    expect(err.message).toBe('Function "demo/hello" already exists');
  });

  it('tells AlreadyExists from a stale-resourceVersion Conflict', () => {
    const err = mapKubeError(
      apiException(
        409,
        status(
          409,
          'Conflict',
          'Operation cannot be fulfilled on functions.kubeless.io "hello": the object has been modified; please apply your changes to the latest version and try again',
        ),
      ),
      { ...getFn, verb: 'replace' },
    );
    expect(err.code).toBe(ErrorCodes.CONFLICT.code);
    expect(err.message).toContain('the object has been modified');
  });

  it('names the fields of a server-side apply conflict and suggests force', () => {
    const body = status(409, 'Conflict', 'Apply failed with 1 conflict: conflict with "other": .spec.handler', {
      causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "other"', field: '.spec.handler' }],
    });
    const err = mapKubeError(apiException(409, body), { ...getFn, verb: 'apply' });
    expect(err.code).toBe(ErrorCodes.CONFLICT.code);
    expect(err.message).toContain('.spec.handler (conflict with "other")');
    expect(err.hint).toContain('force');
  });

  it('maps 409 without a body on create to ALREADY_EXISTS', () => {
    expect(mapKubeError(apiException(409, undefined), createFn).code).toBe(ErrorCodes.ALREADY_EXISTS.code);
  });

  it('maps 403 to a terminal FORBIDDEN with a kubectl auth can-i hint', () => {
    const message =
      'functions.kubeless.io "hello" is forbidden: User "system:serviceaccount:demo:nobody" cannot get resource "functions" in API group "kubeless.io" in the namespace "demo"';
    const err = mapKubeError(apiException(403, status(403, 'Forbidden', message)), getFn);
    expect(err.code).toBe(ErrorCodes.FORBIDDEN.code);
    expect(err.terminal).toBe(true);
    expect(err.message).toContain('cannot get resource "functions"');
    expect(err.hint).toContain('kubectl auth can-i get functions.kubeless.io -n demo');
  });

  it('maps 401 to UNAUTHORIZED', () => {
    const err = mapKubeError(apiException(401, status(401, 'Unauthorized', 'Unauthorized')), getFn);
    expect(err.code).toBe(ErrorCodes.UNAUTHORIZED.code);
  });

  it('maps 422 to a terminal INVALID carrying every cause as field: message', () => {
    const body = status(
      422,
      'Invalid',
      'Function.kubeless.io "hello" is invalid: [spec.handler: Required value, spec.timeout: Invalid value]',
      {
        causes: [
          { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.handler' },
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: "x": spec.timeout in body should match \'^[0-9]+$\'',
            field: 'spec.timeout',
          },
        ],
      },
    );
    const err = mapKubeError(apiException(422, body), createFn);
    expect(err.code).toBe(ErrorCodes.INVALID.code);
    expect(err.terminal).toBe(true);
    expect(err.message).toBe(
      'Function "demo/hello" is invalid: spec.handler: Required value; spec.timeout: Invalid value: "x": spec.timeout in body should match \'^[0-9]+$\'',
    );
    expect(err.details['causes']).toHaveLength(2);
  });

  it('maps 400 BadRequest to INVALID with the server message', () => {
    const err = mapKubeError(
      apiException(400, status(400, 'BadRequest', 'unable to parse requirement: invalid label key "a b"')),
      { ...getFn, verb: 'list', name: undefined },
    );
    expect(err.code).toBe(ErrorCodes.INVALID.code);
    expect(err.message).toContain('invalid label key');
    expect(err.message).toContain('Functions in namespace "demo"');
  });

  it('maps 410 to GONE', () => {
    const err = mapKubeError(apiException(410, status(410, 'Expired', 'too old resource version: 1 (2041)')), {
      verb: 'watch',
      kind: 'Function',
    });
    expect(err.code).toBe(ErrorCodes.GONE.code);
    expect(err.message).toContain('too old resource version');
    expect(err.message).toContain('Functions in all namespaces');
  });

  it('maps a client-node Watch error (statusCode, no body) too', () => {
    const err = mapKubeError(Object.assign(new Error('Gone'), { statusCode: 410 }), {
      verb: 'watch',
      kind: 'Function',
    });
    expect(err.code).toBe(ErrorCodes.GONE.code);
  });

  it('maps 503 and 502 to UNREACHABLE, with a pod-readiness hint behind the service proxy', () => {
    const noEndpoints = status(503, 'ServiceUnavailable', 'no endpoints available for service "hello"');
    const proxied = mapKubeError(apiException(503, noEndpoints), {
      verb: 'proxy',
      kind: 'Service',
      namespace: 'demo',
      name: 'hello',
    });
    expect(proxied.code).toBe(ErrorCodes.UNREACHABLE.code);
    expect(proxied.message).toContain('no endpoints available');
    expect(proxied.hint).toContain('Ready');
    expect(mapKubeError(apiException(502, 'Bad Gateway'), getFn).code).toBe(ErrorCodes.UNREACHABLE.code);
  });

  it('treats missing Endpoints behind the service proxy as no endpoints, not a missing service', () => {
    const body = status(404, 'NotFound', 'endpoints "hello" not found', { name: 'hello', kind: 'endpoints' });
    const err = mapKubeError(apiException(404, body), {
      verb: 'proxy',
      kind: 'Service',
      namespace: 'demo',
      name: 'hello',
    });
    expect(err.code).toBe(ErrorCodes.UNREACHABLE.code);
    const missingService = status(404, 'NotFound', 'services "ghost" not found', { name: 'ghost', kind: 'services' });
    expect(
      mapKubeError(apiException(404, missingService), {
        verb: 'proxy',
        kind: 'Service',
        namespace: 'demo',
        name: 'ghost',
      }).code,
    ).toBe(ErrorCodes.NOT_FOUND.code);
  });

  it('maps 504 and reason Timeout to TIMEOUT', () => {
    expect(
      mapKubeError(apiException(504, status(504, 'Timeout', 'Timeout: request did not complete within 1m0s')), getFn)
        .code,
    ).toBe(ErrorCodes.TIMEOUT.code);
    expect(mapKubeError(apiException(500, status(500, 'Timeout', 'request timed out')), getFn).code).toBe(
      ErrorCodes.TIMEOUT.code,
    );
  });

  it('maps 500 to SERVER_ERROR and an unexpected 4xx to INTERNAL', () => {
    expect(
      mapKubeError(apiException(500, status(500, 'InternalError', 'etcdserver: leader changed')), getFn).code,
    ).toBe(ErrorCodes.SERVER_ERROR.code);
    expect(
      mapKubeError(
        apiException(415, status(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format')),
        getFn,
      ).code,
    ).toBe(ErrorCodes.INTERNAL.code);
  });
});

describe('mapKubeError: network failures', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH'])(
    'maps %s to UNREACHABLE',
    (code) => {
      const err = mapKubeError(systemError(code, `connect ${code} 127.0.0.1:6443`), getFn);
      expect(err.code).toBe(ErrorCodes.UNREACHABLE.code);
      expect(err.message).toContain(code);
      expect(err.terminal).toBe(false);
    },
  );

  it('finds the code on a nested cause (fetch-style errors)', () => {
    const wrapped = new Error('fetch failed', {
      cause: systemError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443'),
    });
    expect(mapKubeError(wrapped, getFn).code).toBe(ErrorCodes.UNREACHABLE.code);
  });

  it.each([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'CERT_HAS_EXPIRED',
  ])('maps TLS failure %s to UNREACHABLE with a CA hint', (code) => {
    const err = mapKubeError(systemError(code, 'certificate problem'), getFn);
    expect(err.code).toBe(ErrorCodes.UNREACHABLE.code);
    expect(err.message).toContain('TLS');
    expect(err.hint).toContain('certificate-authority');
  });

  it('maps a request deadline (TimeoutError) to TIMEOUT', () => {
    const deadline = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(mapKubeError(deadline, getFn).code).toBe(ErrorCodes.TIMEOUT.code);
  });

  it('keeps KubelessErrors as they are and wraps anything else as INTERNAL with the original as cause', () => {
    const own = new KubelessError({ code: ErrorCodes.KUBECONFIG.code, message: 'no kubeconfig' });
    expect(mapKubeError(own, getFn)).toBe(own);
    const odd = new TypeError('boom');
    const err = mapKubeError(odd, getFn);
    expect(err.code).toBe(ErrorCodes.INTERNAL.code);
    expect(err.cause).toBe(odd);
    expect(err.message).toContain('boom');
  });
});

describe('kubeCall', () => {
  it('returns the result of a successful call', async () => {
    await expect(kubeCall(getFn, async () => 42)).resolves.toBe(42);
  });

  it('maps the failure of a call', async () => {
    await expect(kubeCall(getFn, async () => Promise.reject(apiException(404, undefined)))).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND.code,
    });
  });

  it("rethrows the caller's abort reason untouched so shutdown is not reported as a failure", async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    controller.abort(reason);
    await expect(kubeCall(getFn, async () => Promise.reject(reason), controller.signal)).rejects.toBe(reason);
  });
});

describe('formatCauses', () => {
  it('does not repeat a field the message already starts with', () => {
    expect(
      formatCauses([{ field: 'metadata.name', message: 'metadata.name: Invalid value' }, { message: 'no field' }]),
    ).toBe('metadata.name: Invalid value; no field');
  });
});
