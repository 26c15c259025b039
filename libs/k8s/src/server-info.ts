/** Cheap questions about the cluster and the caller: version and identity. */
import { requestJson } from './api-json.js';
import type { ApiTransport } from './api-transport.js';
import { kubeCall } from './error-mapping.js';
import type { SelfSubjectReview, ServerVersion, TokenRequest } from './k8s-models.js';

export interface Identity {
  readonly username: string;
  readonly groups: readonly string[];
}

export async function fetchServerVersion(transport: ApiTransport, signal?: AbortSignal): Promise<ServerVersion> {
  return kubeCall(
    { verb: 'get', kind: 'version', name: '/version' },
    () => requestJson<ServerVersion>(transport, { method: 'GET', path: '/version', signal }),
    signal,
  );
}

/** SelfSubjectReview (authentication.k8s.io/v1, GA since 1.28): who the API server thinks we are. */
export async function fetchIdentity(transport: ApiTransport, signal?: AbortSignal): Promise<Identity> {
  const review = await kubeCall(
    { verb: 'create', kind: 'SelfSubjectReview', resource: 'selfsubjectreviews.authentication.k8s.io' },
    () =>
      requestJson<SelfSubjectReview>(transport, {
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        json: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
        signal,
      }),
    signal,
  );
  const user = review.status?.userInfo;
  return { username: user?.username ?? '', groups: user?.groups ?? [] };
}

export interface TokenRequestOptions {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly audiences?: readonly string[];
  readonly expirationSeconds?: number;
  readonly signal?: AbortSignal;
}

export interface IssuedToken {
  readonly token: string;
  readonly expirationTimestamp: string;
}

/** A short-lived token for a ServiceAccount (TokenRequest API), e.g. to act as a controller or a user with no rights in tests. */
export async function requestServiceAccountToken(
  transport: ApiTransport,
  options: TokenRequestOptions,
): Promise<IssuedToken> {
  const { namespace, serviceAccount, signal } = options;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(serviceAccount)}/token`;
  const body = {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { audiences: options.audiences ?? [], expirationSeconds: options.expirationSeconds ?? 3600 },
  };
  const result = await kubeCall(
    {
      verb: 'create',
      kind: 'ServiceAccount token',
      resource: 'serviceaccounts/token',
      namespace,
      name: serviceAccount,
    },
    () => requestJson<TokenRequest>(transport, { method: 'POST', path, json: body, signal }),
    signal,
  );
  return { token: result.status?.token ?? '', expirationTimestamp: result.status?.expirationTimestamp ?? '' };
}
