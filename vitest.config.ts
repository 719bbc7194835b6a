import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Neo4j and Chromium start real processes: allow for slow starts on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
