import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only our own tests: fixture apps and examples contain files named *.test.* on purpose
    // (near-misses for "this is test code" heuristics) that must not run as suites.
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
