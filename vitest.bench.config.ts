import { defineConfig } from 'vitest/config';

// Benchmarks (`npm run bench`): each reports against a baseline measured in the same run, never a fixed time.
export default defineConfig({
  test: {
    include: [],
    benchmark: {
      include: ['bench/**/*.bench.ts'],
    },
  },
});
