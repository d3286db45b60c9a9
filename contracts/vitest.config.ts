/** Vitest config of the contract suite: `contracts` (judges a target) and `offline` (self-tests, coverage table). */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { chooseTarget } from './lib/target-env.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function isLive(): boolean {
  try {
    return chooseTarget(process.env).kind === 'live';
  } catch {
    return false; // the global setup reports the misconfiguration
  }
}

export default defineConfig(({ mode }) => {
  if (mode === 'prism') process.env.CONTRACT_VIA_PRISM = '1';
  const viaPrism = process.env.CONTRACT_VIA_PRISM === '1';
  const live = isLive();
  const contracts = {
    test: {
      name: 'contracts',
      root,
      include: ['contracts/**/*.test.ts'],
      exclude: [
        'contracts/self-test/**',
        'contracts/spec/**',
        'contracts/coverage.test.ts',
        ...(live ? ['contracts/mock-only/**'] : []),
      ],
      globalSetup: ['contracts/global-setup.ts'],
      // One worker, files in turn: the mock's clock and the live rate limit are shared by every file.
      isolate: false,
      testTimeout: live ? 300_000 : 30_000,
      hookTimeout: 120_000,
    },
  };
  const offline = {
    test: {
      name: 'offline',
      root,
      include: [
        'contracts/self-test/**/*.test.ts',
        'contracts/spec/**/*.test.ts',
        'contracts/coverage.test.ts',
      ],
    },
  };
  return {
    test: {
      root,
      fileParallelism: false,
      projects: viaPrism ? [contracts] : [offline, contracts],
    },
  };
});
