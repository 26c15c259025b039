// Text edits of the kind registries, anchored on their `// @new-kind <slot>` marker comments
// (libs/api and libs/k8s): the generated lines go above the marker, at its indentation.
import { ScaffoldError } from './scaffold-error.mjs';

export const MARKER = '// @new-kind';

/** Inserts `snippet` (lines, no indentation) above the marker of `slot`. */
export function insertAtMarker(text, slot, snippet, file) {
  const marker = new RegExp(`^([ \\t]*)${MARKER} ${slot}:.*$`, 'm');
  const match = marker.exec(text);
  if (match === null)
    throw new ScaffoldError(
      `${file}: no "${MARKER} ${slot}:" marker comment`,
      'the registries must keep their @new-kind markers; restore it from git history',
    );
  const indent = match[1];
  const lines = snippet
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : indent + line));
  return text.slice(0, match.index) + lines.join('\n') + '\n' + text.slice(match.index);
}

/** Adds an import statement after the file's last top-level import. */
export function addImport(text, statement, file) {
  const imports = [...text.matchAll(/^import [\s\S]*?from '[^']+';$/gm)];
  const last = imports.at(-1);
  if (last === undefined) throw new ScaffoldError(`${file}: no import to add ${statement} after`);
  const end = last.index + last[0].length;
  return `${text.slice(0, end)}\n${statement}${text.slice(end)}`;
}

/** Adds `name` to the existing `import type { … } from 'module'`. */
export function addTypeImport(text, module, name, file) {
  const pattern = new RegExp(`^import type \\{([^}]*)\\} from '${module.replace(/[/.]/g, '\\$&')}';$`, 'm');
  const match = pattern.exec(text);
  if (match === null) throw new ScaffoldError(`${file}: no "import type { … } from '${module}'" to extend`);
  const names = [
    ...match[1]
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== ''),
    name,
  ].sort();
  return text.replace(pattern, `import type { ${names.join(', ')} } from '${module}';`);
}

/** Adds a member to `export type <name> = A | B;`. */
export function extendUnion(text, typeName, member, file) {
  const pattern = new RegExp(`^(export type ${typeName} =)([^;]*);`, 'm');
  const match = pattern.exec(text);
  if (match === null) throw new ScaffoldError(`${file}: no "export type ${typeName} = …;" union`);
  return text.replace(pattern, `${match[1]}${match[2].replace(/\s+$/, '')} | ${member};`);
}
