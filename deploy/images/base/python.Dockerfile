# kubeless-ts/python:3.11: the Debian base plus Debian's python3 in a virtual
# environment at /opt/python (first on PATH). In a venv, `pip install --prefix P`
# uses the standard P/lib/python3.11/site-packages layout the runtime catalogue's
# PYTHONPATH names (Debian's own python3 would pick P/local/lib/python3.11/dist-packages),
# and no EXTERNALLY-MANAGED marker stops pip.
ARG DEBIAN_BASE=kubeless-ts/debian:bookworm
FROM ${DEBIAN_BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/python \
 && /opt/python/bin/python -m pip --version \
 && groupadd --gid 1000 kubeless \
 && useradd --uid 1000 --gid kubeless --shell /bin/bash --no-create-home --home-dir /kubeless kubeless
ENV PATH=/opt/python/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PIP_DISABLE_PIP_VERSION_CHECK=1
ARG CONTENT_HASH
LABEL org.kubeless-ts.content-hash="${CONTENT_HASH}"
CMD ["python"]
