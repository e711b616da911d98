import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One MariaDB data directory installed per run, copied by each database test (mariadb.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // End-to-end tests spawn the built CLI and local servers: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NO_COLOR: '1' },
  },
});
