// Writes each Jest run's counts to $KUBELESS_TS_JEST_RESULTS so `npm test`
// can print one summary line for the whole repository.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default class ResultsFileReporter {
  constructor(_globalConfig, options = {}) {
    this.name = options.name ?? 'jest';
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.KUBELESS_TS_JEST_RESULTS;
    if (!dir) return;
    const { numPassedTests, numFailedTests, numTotalTestSuites, numRuntimeErrorTestSuites } = results;
    writeFileSync(
      join(dir, `${this.name.replace(/[^a-z0-9-]/gi, '_')}.json`),
      JSON.stringify({
        numPassedTests,
        numFailedTests: numFailedTests + numRuntimeErrorTestSuites,
        numTotalTestSuites,
      }),
    );
  }
}
