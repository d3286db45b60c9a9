/** What an integrator's empty project holds to try the installed package: a manifest and two files. */

/** `package.json` of the consumer project: ESM, nothing but the tarball installed. */
export const CONSUMER_MANIFEST = {
  name: 'blaaiz-mock-consumer',
  version: '1.0.0',
  private: true,
  type: 'module',
};

/** Plain ESM that imports the harness by its public name, runs one upload round trip, closes, exits. */
export const CONSUMER_SCRIPT = `
import { startMock } from 'blaaiz-mock/testing';
import * as root from 'blaaiz-mock';

const mock = await startMock();
const { clientId, clientSecret } = mock.credentials;
const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'customer:read' });
const token = await fetch(mock.baseUrl + '/oauth/token', { method: 'POST', body: form }).then((r) => r.json());
const customers = await fetch(mock.baseUrl + '/api/external/customer', {
  headers: { Authorization: 'Bearer ' + token.access_token },
}).then((r) => r.json());
await mock.advanceClock(10);
await mock.reset();
await mock.close();
console.log(JSON.stringify({
  baseUrl: mock.baseUrl,
  caCert: typeof mock.caCert,
  customers: customers.data.length,
  rootExportsStartMock: root.startMock === startMock,
  spec: import.meta.resolve('blaaiz-mock/openapi.yaml'),
}));
`;

/** TypeScript a consumer writes against the shipped declarations; it must type-check under strict NodeNext. */
export const CONSUMER_TYPES = `
import { type MockInstance, type Seed, startMock, mockControls } from 'blaaiz-mock/testing';

const seed: Seed = { clients: [{ client_id: 'ci', client_secret: 's', scopes: '*' }] };
const mock: MockInstance = await startMock({ seed, port: 0, storageScheme: 'https' });
const url: string = mock.baseUrl;
const ca: string | null = mock.caCertPath;
const key: string | null = mock.credentials.legacyKey;
const status: string = (await mock.forceReview('id', 'REJECTED')).verification_status;
await mockControls(url).advanceClock(60);
// @ts-expect-error: outcomes are VERIFIED or REJECTED only
await mock.forceReview('id', 'APPROVED');
console.log(ca, key, status);
await mock.close();
`;

/** Compiler options for the consumer check: strict, NodeNext, the declarations themselves checked too. */
export const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    noEmit: true,
    types: ['node'],
  },
  files: ['check-types.ts'],
};
