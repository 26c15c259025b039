/**
 * The runtime image's python installs `pip --prefix=P` into
 * P/lib/pythonX.Y/site-packages; a Debian python3 on this machine (first on
 * PATH under npm scripts) uses P/local/lib/pythonX.Y/dist-packages instead.
 * Both are searched so dependencies load whichever python3 ran the install.
 */
export function withDebianLayout(pythonPath: string | undefined): string[] {
  return (pythonPath ?? '')
    .split(':')
    .filter(Boolean)
    .flatMap((entry) => {
      const match = /^(.*)\/lib\/(python3\.\d+)\/site-packages\/?$/.exec(entry);
      return match ? [entry, `${match[1]}/local/lib/${match[2]}/dist-packages`] : [entry];
    });
}
