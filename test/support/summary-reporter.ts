import { writeSync } from 'node:fs';
import type { Reporter, SerializedError, TestModule, Vitest } from 'vitest/node';

/**
 * Prints one plain closing line, `Tests: 42 passed, 0 failed` (`, N skipped` when any), for
 * CI to read. A file that fails to load, a failing beforeAll/afterAll (vitest then reports
 * the suite's tests as skipped) and an unhandled error each count as one failure, so the
 * line never reads `0 failed` for a red run.
 */
export default class SummaryReporter implements Reporter {
  #vitest: Vitest | undefined;
  #pending: string | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
    // Fallback when coverage was expected but never reported; stdout may be closing: write to fd 1.
    process.once('exit', () => this.#flush((line) => writeSync(1, line)));
  }

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    let passed = 0;
    let failedTests = 0;
    let skipped = 0;
    let errors = unhandledErrors.length;
    for (const module of modules) {
      errors += module.errors().length;
      for (const suite of module.children.allSuites()) errors += suite.errors().length;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedTests++;
        else if (state === 'skipped') skipped++;
      }
    }
    const failed = failedTests + errors;
    const skippedPart = skipped ? `, ${skipped} skipped` : '';
    this.#pending = `Tests: ${passed} passed, ${failed} failed${skippedPart}\n`;

    // The coverage summary is printed after this hook; print after it so the line closes the run.
    const coverage = this.#vitest?.config.coverage;
    const coverageFollows = coverage?.enabled && (failedTests === 0 || coverage.reportOnFailure);
    if (!coverageFollows) this.#flush((line) => process.stdout.write(line));
  }

  /** Called by vitest once the coverage report is written. */
  onFinishedReportCoverage(): void {
    this.#flush((line) => process.stdout.write(line));
  }

  #flush(write: (line: string) => unknown): void {
    if (this.#pending === undefined) return;
    const line = this.#pending;
    this.#pending = undefined;
    write(line);
  }
}
