import { ScaffoldError } from './scaffold-error.mjs';

const TOKEN = /\{\{([A-Za-z-]+)\}\}/g;

/** Replaces each `{{token}}`; an unknown token is a bug in the template, named so it can be fixed. */
export function renderTemplate(text, tokens, source) {
  return text.replace(TOKEN, (_match, name) => {
    if (!(name in tokens)) throw new ScaffoldError(`${source}: unknown template token {{${name}}}`);
    return tokens[name];
  });
}
