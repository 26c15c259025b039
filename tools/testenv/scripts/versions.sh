# Pinned versions of the real components the test environment runs.
# Changing one here invalidates the matching cache folder and rebuilds it.
K8S_VERSION=v1.34.3
ETCD_VERSION=v3.6.16
KAFKA_VERSION=4.1.1
HELM_VERSION=v3.19.5
COREDNS_VERSION=v1.15.0
TRAEFIK_VERSION=v3.7.13
# Debian's docker-registry, installed at exactly this version in kubeless-ts/registry.
REGISTRY_DEB_VERSION=2.8.2+ds1-1
