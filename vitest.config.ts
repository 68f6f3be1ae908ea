import { defineConfig } from 'vitest/config';
import SummaryReporter from './test/support/summary-reporter.js';

// The AWS SDK's notice that its releases after January 2027 need Node 22 would be printed by
// every test process; the README says which Node versions are supported.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Separate processes: DynamoDB Local launchers and process-wide configuration stay per file.
    pool: 'forks',
    testTimeout: 30_000,
    // Starting DynamoDB Local (a JVM) can take several seconds on a busy machine.
    hookTimeout: 60_000,
    reporters: ['default', new SummaryReporter()],
    coverage: {
      provider: 'v8',
      include: ['src/**'],
      // The CLI and the DynamoDB Local launcher are tested by running them as processes,
      // which in-process coverage cannot see.
      exclude: ['src/cli/**', 'src/testing/**'],
      reporter: ['text-summary', 'json-summary'],
      // The gate `npm test` enforces (docs/reliability.md): below it, the run fails.
      thresholds: { lines: 95, branches: 90 },
    },
  },
});
