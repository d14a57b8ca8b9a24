import { defineConfig } from 'vitest/config';

/** No limit a slow or loaded machine can reach: a test, hook or teardown only fails by its assertions. */
const FIFTEEN_MINUTES = 15 * 60_000;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: FIFTEEN_MINUTES,
    hookTimeout: FIFTEEN_MINUTES,
    teardownTimeout: FIFTEEN_MINUTES,
  },
});
