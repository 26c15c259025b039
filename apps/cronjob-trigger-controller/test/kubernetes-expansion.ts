/**
 * Kubernetes' `$(VAR)` expansion of container command, args and env values
 * (k8s.io/kubernetes third_party/forked/golang/expansion), so tests can run a
 * container command exactly as the kubelet would hand it to the runtime.
 */
export function expandKubernetes(input: string, vars: Readonly<Record<string, string>>): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor += 1) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === '$') out += '$';
    else if (rest[0] === '(') {
      const close = rest.indexOf(')');
      if (close < 0) out += '$(';
      else {
        const name = rest.slice(1, close);
        out += vars[name] ?? `$(${name})`;
        advance = close + 1;
      }
    } else out += `$${rest[0] ?? ''}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
