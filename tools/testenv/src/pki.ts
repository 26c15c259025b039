import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ControlPlanePki {
  readonly caCert: string;
  readonly caKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly adminCert: string;
  readonly adminKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', [...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
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
  };
  if (existsSync(pki.serviceAccountPub)) return pki;

  const days = '3650';
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', pki.caKey, '-out', pki.caCert, '-days', days, '-subj', '/CN=kubeless-ts-testenv-ca'], dir);
  const sign = (name: string, subject: string, ext: string, cert: string, key: string) => {
    const extFile = join(dir, `${name}.ext`);
    writeFileSync(extFile, ext);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', join(dir, `${name}.csr`), '-subj', subject], dir);
    openssl(['x509', '-req', '-in', join(dir, `${name}.csr`), '-CA', pki.caCert, '-CAkey', pki.caKey, '-CAcreateserial', '-out', cert, '-days', days, '-extfile', extFile], dir);
  };
  sign(
    'apiserver',
    '/CN=kube-apiserver',
    'subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth\n',
    pki.serverCert,
    pki.serverKey,
  );
  sign('admin', '/O=system:masters/CN=kubeless-ts-admin', 'extendedKeyUsage=clientAuth\n', pki.adminCert, pki.adminKey);
  openssl(['genrsa', '-out', pki.serviceAccountKey, '2048'], dir);
  openssl(['rsa', '-in', pki.serviceAccountKey, '-pubout', '-out', pki.serviceAccountPub], dir);
  return pki;
}
