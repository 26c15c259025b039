// Writes each Jest run's counts, and what failed, to $KUBELESS_TS_JEST_RESULTS
// so `npm test` can close with one summary for the whole repository. The
// failures are repeated there because CI keeps only the tail of a long log.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

// Enough of a message to see the assertion and the first frames of its stack.
const MESSAGE_LINES = 24;

function excerpt(message) {
  return stripVTControlCharacters(message ?? '')
    .split('\n')
    .slice(0, MESSAGE_LINES)
    .join('\n');
}

export default class ResultsFileReporter {
  constructor(globalConfig, options = {}) {
    this.name = options.name ?? 'jest';
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.KUBELESS_TS_JEST_RESULTS;
    if (!dir) return;
    const { numPassedTests, numFailedTests, numTotalTestSuites, numRuntimeErrorTestSuites } = results;
    const failures = [];
    for (const suite of results.testResults) {
      const file = relative(process.cwd(), suite.testFilePath);
      if (suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0)) {
        failures.push({ file, test: '(the suite did not run)', message: excerpt(suite.failureMessage) });
      }
      for (const test of suite.testResults) {
        if (test.status !== 'failed') continue;
        failures.push({ file, test: test.fullName, message: excerpt(test.failureMessages.join('\n')) });
      }
    }
    writeFileSync(
      join(dir, `${this.name.replace(/[^a-z0-9-]/gi, '_')}.json`),
      JSON.stringify({
        numPassedTests,
        numFailedTests: numFailedTests + numRuntimeErrorTestSuites,
        numTotalTestSuites,
        failures,
      }),
    );
  }
}
