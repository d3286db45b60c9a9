/**
 * Example vitest `globalSetup` for a client's own test suite: one mock for the whole run.
 *
 * Copy it next to your tests, then in vitest.config.ts: `test: { globalSetup: ['./global-setup.ts'] }`.
 * In your project, import from the package instead of the relative path below:
 *   import { type MockConnection, startMock } from 'blaaiz-mock/testing';
 */
import type { TestProject } from 'vitest/node';
import { type MockConnection, startMock } from '../../mock/src/testing.js';

// Typed `inject('blaaizMock')` in the test files.
declare module 'vitest' {
  export interface ProvidedContext {
    blaaizMock: MockConnection;
  }
}

/** Starts the mock before any test file, hands its connection data to the test workers, stops it at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMock();
  // Plain JSON (URLs, CA path and PEM, credentials): test files read it with `inject('blaaizMock')`.
  project.provide('blaaizMock', {
    baseUrl: mock.baseUrl,
    storageUrl: mock.storageUrl,
    caCert: mock.caCert,
    caCertPath: mock.caCertPath,
    credentials: mock.credentials,
    adminToken: mock.adminToken,
  });
  // Test workers start after this function, with this environment: code that reads its base URL from the
  // environment needs no change, and Node (fetch, https) trusts the mock's CA through NODE_EXTRA_CA_CERTS.
  // This is also how a jest `globalSetup` hands the mock to its tests (jest has no `provide`).
  process.env.BLAAIZ_MOCK_URL = mock.baseUrl;
  if (mock.caCertPath) process.env.NODE_EXTRA_CA_CERTS = mock.caCertPath;
  return () => mock.close();
}
