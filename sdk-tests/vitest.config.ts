import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The sdk-tests suite: real clients against the harness. Two groups run one after the other: the clients
 * (with the example's globalSetup), then the package check, which rebuilds `dist/` while packing.
 */
export default defineConfig({
  test: {
    root,
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'clients',
          include: ['**/*.test.ts'],
          exclude: ['package/**'],
          globalSetup: ['./examples/global-setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'package',
          include: ['package/**/*.test.ts'],
          // Packing rebuilds dist/, which the local-path install imports: one file at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
