import { defineConfig } from 'vitest/config';

// Benchmarks (`npm run bench`): each reports against a baseline measured in the same run, never a fixed time.
// One file at a time: the machine has two cores, and a bench running beside another measures both.
export default defineConfig({
  test: {
    include: [],
    fileParallelism: false,
    // Prints the run's total time, load average and headline figures after the last bench (bench/support/run-summary.ts).
    globalSetup: ['bench/support/run-summary.ts'],
    benchmark: {
      include: ['bench/**/*.bench.ts'],
    },
  },
});
