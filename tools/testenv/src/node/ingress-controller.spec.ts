import { ingressClassObjects, traefikArgs, type TraefikArgsInput } from './ingress-controller.js';

const access = { server: 'https://127.0.0.1:6443', caFile: '/d/ca.crt', tokenFile: '/d/token' };
const args = (overrides: Partial<TraefikArgsInput> = {}) =>
  traefikArgs({ listenAddress: '10.231.0.1', port: 8088, pingPort: 18082, access, nginx: true, ...overrides });

describe('traefikArgs', () => {
  it('serves the web entrypoint on the node address and ping on loopback only', () => {
    expect(args()).toEqual(
      expect.arrayContaining([
        '--entryPoints.web.address=10.231.0.1:8088',
        '--entryPoints.web.asDefault=true',
        '--entryPoints.traefik.address=127.0.0.1:18082',
        '--ping=true',
        '--ping.entryPoint=traefik',
      ]),
    );
  });

  it('never calls home', () => {
    expect(args()).toEqual(
      expect.arrayContaining(['--global.checkNewVersion=false', '--global.sendAnonymousUsage=false']),
    );
  });

  it('gives both providers the apiserver, the ServiceAccount token file and the CA', () => {
    for (const provider of ['kubernetesIngress', 'kubernetesIngressNGINX']) {
      expect(args()).toEqual(
        expect.arrayContaining([
          `--providers.${provider}=true`,
          `--providers.${provider}.endpoint=https://127.0.0.1:6443`,
          `--providers.${provider}.token=/d/token`,
          `--providers.${provider}.certAuthFilePath=/d/ca.crt`,
        ]),
      );
    }
  });

  it('publishes the node address in Ingress status', () => {
    expect(args()).toEqual(
      expect.arrayContaining([
        '--providers.kubernetesIngress.ingressEndpoint.ip=10.231.0.1',
        '--providers.kubernetesIngressNGINX.publishStatusAddress=10.231.0.1',
      ]),
    );
  });

  it('leaves the ingress-nginx provider out when nginx is not wanted', () => {
    expect(args({ nginx: false }).some((arg) => arg.includes('NGINX'))).toBe(false);
  });
});

describe('ingressClassObjects', () => {
  it('claims traefik for the Ingress provider and nginx for the ingress-nginx provider', () => {
    expect(ingressClassObjects(['traefik', 'nginx']).map((c) => `${c.metadata?.name}=${c.spec?.controller}`)).toEqual([
      'traefik=traefik.io/ingress-controller',
      'nginx=k8s.io/ingress-nginx',
    ]);
  });
});
