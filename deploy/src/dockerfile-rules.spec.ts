import { dockerfileViolations } from './dockerfile-rules.js';

const good = `FROM node:20.20.2-bookworm-slim AS build
RUN echo build
FROM node:20.20.2-bookworm-slim
LABEL org.opencontainers.image.title="x" org.opencontainers.image.source="y" org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /a /b
USER 65532:65532
`;

describe('dockerfileViolations', () => {
  it('accepts a multi-stage, pinned, labelled, non-root Dockerfile', () => {
    expect(dockerfileViolations(good)).toEqual([]);
  });

  it('names each broken rule', () => {
    const bad = 'FROM node:latest\nUSER root\n';
    expect(dockerfileViolations(bad)).toEqual([
      'not multi-stage (build tools stay out of the final image)',
      'base image node:latest is not pinned to a versioned tag',
      'final stage USER root is not a numeric non-root uid (runAsNonRoot needs a number)',
      'no org.opencontainers.image.title label',
      'no org.opencontainers.image.source label',
      'no org.opencontainers.image.licenses label',
    ]);
  });

  it('reads the base tag from a build arg declared before FROM', () => {
    expect(
      dockerfileViolations(
        `ARG NODE_MAJOR=20\n${good.replaceAll('node:20.20.2-bookworm-slim', 'node:${NODE_MAJOR}-bookworm-slim')}`,
      ),
    ).toEqual([]);
    expect(dockerfileViolations(good.replaceAll('node:20.20.2-bookworm-slim', 'node:${NODE_MAJOR}'))).toContain(
      'base image node:${NODE_MAJOR} is not pinned to a versioned tag',
    );
    // A base named by an ARG built from earlier ARGs, as `npm run images` overrides with a digest.
    const composed = `ARG NODE_IMAGE=node\nARG NODE_MAJOR=20\nARG NODE_BASE=\${NODE_IMAGE}:\${NODE_MAJOR}-bookworm-slim\n${good.replaceAll('node:20.20.2-bookworm-slim', '${NODE_BASE}')}`;
    expect(dockerfileViolations(composed)).toEqual([]);
    expect(dockerfileViolations(composed.replace('NODE_MAJOR=20', 'NODE_MAJOR=lts'))).toContain(
      'base image node:lts-bookworm-slim is not pinned to a versioned tag',
    );
  });

  it('wants a parser directive on the first line', () => {
    expect(dockerfileViolations(`# syntax=docker/dockerfile:1\n${good}`)).toEqual([]);
    expect(dockerfileViolations(`# about\n# syntax=docker/dockerfile:1\n${good}`)).toEqual([
      'the # syntax= parser directive is not on the first line, so Docker reads it as a comment',
    ]);
  });

  it('wants the USER in the final stage, not only in the build stage', () => {
    expect(
      dockerfileViolations(good.replace('USER 65532:65532\n', '').replace('RUN echo build', 'USER 1000')),
    ).toContain('final stage sets no USER');
  });
});
