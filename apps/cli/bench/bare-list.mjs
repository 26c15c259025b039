// The floor of any Node.js client for `function ls`: one HTTPS GET of the Functions list with
// the kubeconfig's credentials already resolved (argv[2], a JSON file the bench writes), the
// names printed, nothing else. What kubeless does above this is the CLI's own cost.
import { readFileSync } from 'node:fs';
import https from 'node:https';

const target = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const request = https.get(
  target.url,
  { ca: target.ca, cert: target.cert, key: target.key, headers: target.headers },
  (response) => {
    let body = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => (body += chunk));
    response.on('end', () => {
      if (response.statusCode !== 200) {
        process.stderr.write(`HTTP ${response.statusCode}: ${body}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(
        `${JSON.parse(body)
          .items.map((item) => item.metadata.name)
          .join('\n')}\n`,
      );
    });
  },
);
request.on('error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
