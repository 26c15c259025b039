// Prints the tail of every component log when an integration run has failures:
// the apiserver's or broker's view is usually what explains them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export default class FailureLogReporter {
  onRunComplete(_contexts, results) {
    if (results.numFailedTests === 0 && results.numRuntimeErrorTestSuites === 0) return;
    const files = [];
    const dir = process.env.KUBELESS_TS_LOGS_DIR;
    if (dir && existsSync(dir)) for (const f of readdirSync(dir)) files.push(join(dir, f));
    if (process.env.KUBELESS_TS_KAFKA_LOG) files.push(process.env.KUBELESS_TS_KAFKA_LOG);
    for (const file of files) {
      if (!existsSync(file)) continue;
      const tail = readFileSync(file, 'utf8').split('\n').slice(-25).join('\n');
      process.stderr.write(`\n----- ${file} (last 25 lines) -----\n${tail}\n`);
    }
  }
}
