/** A reporter that ends the run with one plain line CI can read: `N passed, N failed, N skipped`. */
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/** Counts of test outcomes over a whole run. */
export interface RunCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Counts tests by outcome; a module or hook that failed outside any test, and each unhandled error, counts as one failure. */
export function countRun(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): RunCounts {
  const counts: RunCounts = { passed: 0, failed: 0, skipped: 0 };
  for (const module of modules) {
    let failedTests = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') counts.passed++;
      else if (state === 'failed') failedTests++;
      else counts.skipped++;
    }
    const moduleFailedAlone = failedTests === 0 && module.state() === 'failed';
    counts.failed += failedTests + (moduleFailedAlone ? 1 : 0);
  }
  counts.failed += unhandledErrors.length;
  return counts;
}

/** Prints the closing summary line after the default reporter's output. */
export class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const { passed, failed, skipped } = countRun(modules, unhandledErrors);
    process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
