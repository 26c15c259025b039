import { rewritePaths } from './path-mapping.js';

describe('rewritePaths', () => {
  const mappings = [
    { containerPath: '/kubeless', hostPath: '/tmp/pod/kubeless' },
    { containerPath: '/src', hostPath: '/tmp/pod/src' },
  ];

  it('rewrites mount paths in shell commands at path boundaries only', () => {
    expect(rewritePaths("cp /src/handler.js /kubeless/handler.js && echo '/srcdir'", mappings)).toBe(
      "cp /tmp/pod/src/handler.js /tmp/pod/kubeless/handler.js && echo '/srcdir'",
    );
  });

  it('rewrites env values and bare paths', () => {
    expect(rewritePaths('/kubeless', mappings)).toBe('/tmp/pod/kubeless');
    expect(rewritePaths('NODE_PATH=/kubeless/node_modules', mappings)).toBe('NODE_PATH=/tmp/pod/kubeless/node_modules');
    expect(rewritePaths('/kubeless/lib:/kubeless', mappings)).toBe('/tmp/pod/kubeless/lib:/tmp/pod/kubeless');
  });

  it('does not rewrite inside an already mapped path', () => {
    const nested = [
      { containerPath: '/src', hostPath: '/data/kubeless/src' },
      { containerPath: '/kubeless', hostPath: '/k' },
    ];
    expect(rewritePaths('/src/a', nested)).toBe('/data/kubeless/src/a');
  });
});
