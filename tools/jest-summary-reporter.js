// Prints one closing line, "Tests: N passed, N failed", which CI reads as the run's result. When
// JEST_SUMMARY_FILE is set (scripts/test.sh runs Jest twice: in parallel, then the fleet-scale tests one at a
// time), the counts are added up across the runs so that the last line is the total of the whole suite.
const fs = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    let passed = results.numPassedTests;
    let failed = results.numFailedTests;
    let skipped = results.numPendingTests + results.numTodoTests;
    const file = process.env.JEST_SUMMARY_FILE;
    if (file) {
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
      const before = text ? JSON.parse(text) : { passed: 0, failed: 0, skipped: 0 };
      passed += before.passed;
      failed += before.failed;
      skipped += before.skipped;
      fs.writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed${tail}\n`);
  }
}
module.exports = SummaryReporter;
