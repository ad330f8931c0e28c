import { defineConfig } from 'vitest/config';

/** Unit, architecture and integration tests (real loopback servers, real Chromium where they say so). */
export default defineConfig({
  test: {
    include: ['tests/{unit,architecture,integration}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
