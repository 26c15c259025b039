/**
 * Containers see their volumes at fixed paths (`/kubeless`, `/src`); local
 * processes cannot, so each mount path is rewritten to its host folder in
 * commands, arguments, env values and the working dir. Longest paths first, and
 * only at path boundaries, so `/src` never rewrites `/srcdir`.
 */
export interface PathMapping {
  readonly containerPath: string;
  readonly hostPath: string;
}

// A character no command contains, marking already-rewritten spans.
const MARK = '\u{F8FF}';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function rewritePaths(value: string, mappings: readonly PathMapping[]): string {
  const sorted = [...mappings].sort((a, b) => b.containerPath.length - a.containerPath.length);
  let result = value;
  const placeholders: string[] = [];
  for (const { containerPath, hostPath } of sorted) {
    const pattern = new RegExp(`(^|[\\s'"=:;(>])${escape(containerPath.replace(/\/$/, ''))}(?=$|[/\\s'";)&|<>])`, 'g');
    result = result.replace(pattern, (_m, lead: string) => {
      placeholders.push(hostPath);
      // A placeholder keeps a shorter mount from rewriting inside an already-mapped host path.
      return `${lead}${MARK}${placeholders.length - 1}${MARK}`;
    });
  }
  return result.replace(
    new RegExp(`${MARK}(\\d+)${MARK}`, 'g'),
    (_m, index: string) => placeholders[Number(index)] ?? '',
  );
}
