import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: keep the pool small so notebook runs and sockets do not starve.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
