import { defineConfig } from 'vitest/config';

// Benchmarks (`npm run bench`): each reports against a baseline measured in the same run, never a fixed time.
// One file at a time: the machine has two cores, and a bench running beside another measures both.
export default defineConfig({
  test: {
    include: [],
    fileParallelism: false,
    // A bench is never a timed assertion: on a busy machine one can take minutes (checks.bench.ts passed 60 s at a
    // load average of 12), and only a hang should stop it. Files that need longer still say so.
    testTimeout: 600_000,
    // Prints the run's total time, load average and headline figures after the last bench (bench/support/run-summary.ts).
    globalSetup: ['bench/support/run-summary.ts'],
    benchmark: {
      include: ['bench/**/*.bench.ts'],
    },
  },
});
