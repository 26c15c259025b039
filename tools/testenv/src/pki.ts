import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_IP } from './node/node-network.js';

export interface ControlPlanePki {
  readonly caCert: string;
  readonly caKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly adminCert: string;
  readonly adminKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
  /** The apiserver's client certificate towards kubelets (logs, exec, port-forward, proxy). */
  readonly kubeletClientCert: string;
  readonly kubeletClientKey: string;
}

const DAYS = '3650';

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', [...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export interface CertificateRequest {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  /** Base name of the CSR and extension files. */
  readonly name: string;
  readonly subject: string;
  /** openssl x509 extension lines (subjectAltName, extendedKeyUsage). */
  readonly ext: string;
  readonly cert: string;
  readonly key: string;
}

/** A key pair and a certificate for it signed by the test CA. */
export function signCertificate(request: CertificateRequest): void {
  const { dir, name } = request;
  const extFile = join(dir, `${name}.ext`);
  writeFileSync(extFile, request.ext);
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      request.key,
      '-out',
      join(dir, `${name}.csr`),
      '-subj',
      request.subject,
    ],
    dir,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      join(dir, `${name}.csr`),
      '-CA',
      request.caCert,
      '-CAkey',
      request.caKey,
      '-CAcreateserial',
      '-out',
      request.cert,
      '-days',
      DAYS,
      '-extfile',
      extFile,
    ],
    dir,
  );
}

/**
 * A private CA, the apiserver's serving certificate, an admin client
 * certificate in system:masters, and the service-account signing key pair.
 * Real TLS and real client authentication, so RBAC behaves as in a cluster.
 */
export function createPki(dir: string): ControlPlanePki {
  mkdirSync(dir, { recursive: true });
  const pki: ControlPlanePki = {
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'apiserver.crt'),
    serverKey: join(dir, 'apiserver.key'),
    adminCert: join(dir, 'admin.crt'),
    adminKey: join(dir, 'admin.key'),
    serviceAccountKey: join(dir, 'sa.key'),
    serviceAccountPub: join(dir, 'sa.pub'),
    kubeletClientCert: join(dir, 'apiserver-kubelet-client.crt'),
    kubeletClientKey: join(dir, 'apiserver-kubelet-client.key'),
  };
  if (existsSync(pki.serviceAccountPub)) return pki;

  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      pki.caKey,
      '-out',
      pki.caCert,
      '-days',
      DAYS,
      '-subj',
      '/CN=kubeless-ts-testenv-ca',
    ],
    dir,
  );
  const sign = (name: string, subject: string, ext: string, cert: string, key: string) =>
    signCertificate({ dir, caCert: pki.caCert, caKey: pki.caKey, name, subject, ext, cert, key });
  sign(
    'apiserver',
    '/CN=kube-apiserver',
    // The node address is included so pods (and the kubelet) may reach the apiserver by it.
    `subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,IP:${NODE_IP},DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth\n`,
    pki.serverCert,
    pki.serverKey,
  );
  sign('admin', '/O=system:masters/CN=kubeless-ts-admin', 'extendedKeyUsage=clientAuth\n', pki.adminCert, pki.adminKey);
  sign(
    'apiserver-kubelet-client',
    '/O=system:masters/CN=kube-apiserver-kubelet-client',
    'extendedKeyUsage=clientAuth\n',
    pki.kubeletClientCert,
    pki.kubeletClientKey,
  );
  openssl(['genrsa', '-out', pki.serviceAccountKey, '2048'], dir);
  openssl(['rsa', '-in', pki.serviceAccountKey, '-pubout', '-out', pki.serviceAccountPub], dir);
  return pki;
}
