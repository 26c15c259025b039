/** The image rules hadolint does not check: what the chart and the restricted Pod Security Standard rely on. */
export function dockerfileViolations(text: string): string[] {
  const lines = text.split('\n').map((line) => line.trim());
  const instructions = lines.filter((line) => line !== '' && !line.startsWith('#'));
  // Build args declared before the first FROM may name the base tag (`FROM node:${NODE_MAJOR}-slim`).
  // An ARG's default may name earlier ones (`ARG NODE_BASE=${NODE_IMAGE}:${NODE_MAJOR}`): each is stored expanded.
  const args = new Map<string, string>();
  const expand = (value: string): string =>
    value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => args.get(name) ?? whole);
  for (const line of instructions) {
    if (/^FROM\s/i.test(line)) break;
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)=(\S+)/i.exec(line);
    if (arg?.[1] !== undefined && arg[2] !== undefined) args.set(arg[1], expand(arg[2].replace(/^"|"$/g, '')));
  }
  const froms = instructions.filter((line) => /^FROM\s/i.test(line));
  const problems: string[] = [];
  const directive = lines.findIndex((line) => /^#\s*syntax\s*=/i.test(line));
  if (directive > 0)
    problems.push('the # syntax= parser directive is not on the first line, so Docker reads it as a comment');
  if (froms.length < 2) problems.push('not multi-stage (build tools stay out of the final image)');
  const stageNames = new Set(
    froms.map((line) => /\sAS\s+(\S+)/i.exec(line)?.[1]?.toLowerCase()).filter((name) => name !== undefined),
  );
  for (const from of froms) {
    const image = expand(from.split(/\s+/).find((part, index) => index > 0 && !part.startsWith('--')) ?? '');
    if (stageNames.has(image.toLowerCase()) || image === 'scratch') continue;
    const tag = /:([^@/]+)(@sha256:[a-f0-9]{64})?$/.exec(image)?.[1];
    if (tag === undefined || tag === 'latest' || !/\d/.test(tag))
      problems.push(`base image ${image} is not pinned to a versioned tag`);
  }
  const lastFrom = instructions.lastIndexOf(froms[froms.length - 1] ?? '');
  const finalStage = instructions.slice(lastFrom);
  const user = finalStage.filter((line) => /^USER\s/i.test(line)).pop();
  const who = user?.split(/\s+/)[1]?.split(':')[0];
  if (who === undefined) problems.push('final stage sets no USER');
  else if (who === 'root' || who === '0' || !/^\d+$/.test(who))
    problems.push(`final stage USER ${who} is not a numeric non-root uid (runAsNonRoot needs a number)`);
  const labels = instructions.join('\n');
  for (const label of [
    'org.opencontainers.image.title',
    'org.opencontainers.image.source',
    'org.opencontainers.image.licenses',
  ]) {
    if (!labels.includes(label)) problems.push(`no ${label} label`);
  }
  return problems;
}
