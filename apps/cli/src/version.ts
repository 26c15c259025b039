/** Replaced by the bundler (tools/bundle.mjs) with the package version; `dev` when run from source. */
declare const KUBELESS_CLI_VERSION: string | undefined;

export function cliVersion(): string {
  return typeof KUBELESS_CLI_VERSION === 'string' ? KUBELESS_CLI_VERSION : 'dev';
}
