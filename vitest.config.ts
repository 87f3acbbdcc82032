import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['shared/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['node_modules/**', 'test/load/**'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
