/**
 * Which contract test provokes each status openapi.yaml documents, per operation. `coverage.test.ts`
 * fails when an operation or status of the spec is missing here (and prints the line to add); the
 * end of a full run against a mock fails when a status listed here was never received.
 *
 * A value is the test file that provokes the status, relative to contracts/ and without `.test.ts`,
 * or `{ waived: 'why' }` when no request can provoke it on the targets the suite runs against.
 */

/** How one documented status is covered. */
export type StatusCoverage = string | { readonly waived: string };

/** Operation → status → coverage. */
export type CoverageTable = Readonly<Record<string, Readonly<Record<string, StatusCoverage>>>>;

/** 429s: the suite's mock runs without `--rate-limit`, and the suite paces itself under the live limit on purpose. */
export const RATE_LIMITED = {
  waived:
    'rate limit: the mock enforces it only with --rate-limit (tested in mock/src/routes/rate-limit.test.ts), and the suite paces itself under the live limit',
} as const;

/**
 * The entry of an operation secured by OAuth scopes: `statuses` provoked by `file`; 401 and 403 by
 * access.test.ts (which reads the operations from the spec); 429 waived.
 */
export function secured(file: string, statuses: readonly string[]): Record<string, StatusCoverage> {
  const own = Object.fromEntries(statuses.map((status) => [status, file]));
  return { ...own, '401': 'access', '403': 'access', '429': RATE_LIMITED };
}

/** The suite's coverage of openapi.yaml. */
export const COVERAGE: CoverageTable = {
  issueToken: { '200': 'auth', '400': 'auth', '401': 'auth' },
  getPresignedUrl: secured('presign', ['200', '400', '404', '422']),
  uploadCustomerFiles: secured('attach', ['200', '400', '404', '422']),
  replaceCustomerFiles: secured('attach', ['200', '400', '404', '422']),
  createCustomer: secured('customers', ['201', '400', '422']),
  listCustomers: secured('customers', ['200', '422']),
  getCustomer: secured('customers', ['200', '404']),
  updateCustomer: secured('customer-updates', ['200', '400', '404', '422']),
  addKycData: secured('customer-updates', ['200', '400', '404', '422']),
  upgradeKybScope: secured('kyb-owners', ['200', '400', '404', '422']),
  deleteOwner: secured('kyb-owners', ['200', '400', '404']),
  getOwnerFilePresignedUrl: secured('kyb-owners', ['200', '400', '404', '422']),
  uploadOwnerFiles: secured('kyb-owners', ['200', '400', '404', '422']),
  getDocumentPresignedUrl: secured('kyb-documents', ['200', '400', '404']),
  registerDocument: secured('kyb-documents', ['201', '400', '404', '422']),
  listDocuments: secured('kyb-documents', ['200', '400', '404']),
  getDocument: secured('kyb-documents', ['200', '400', '404']),
  updateDocument: secured('kyb-documents', ['200', '400', '404', '422']),
  deleteDocument: secured('kyb-documents', ['200', '400', '404']),
  submitCustomer: secured('kyb-documents', ['200', '400', '404', '422']),
  createWebhook: secured('webhooks', ['200', '400', '422']),
  getWebhook: secured('webhooks', ['200', '404']),
  updateWebhook: secured('webhooks', ['200', '404', '422']),
  updateWebhookById: secured('webhooks', ['200', '404', '422']),
  listCurrencies: secured('currencies', ['200']),
  putObject: {
    '200': 'upload-flow',
    '400': 'upload-flow',
    '403': 'upload-flow',
    '404': 'mock-only/controls',
  },
};
