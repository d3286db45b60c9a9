import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProjectRoot, loadSpec } from './load-spec.js';
import { deref } from './openapi-document.js';
import { createSpecValidator, formatValidationErrors } from './validator.js';

const spec = loadSpec();
const validator = createSpecValidator(spec);
const SIGNED = { 'x-blaaiz-signature': 'a'.repeat(64), 'x-blaaiz-timestamp': '1800000000' };
const operation = spec.webhooks?.['customer.status_changed']?.post;
const media = operation?.requestBody
  ? deref(spec, operation.requestBody).content?.['application/json']
  : undefined;
const specExamples = Object.entries(media?.examples ?? {}).map(([name, example]) => [
  name,
  deref(spec, example).value,
]);

const docsFile = resolve(
  findProjectRoot(),
  process.env.BLAAIZ_DOCS_DIR ?? '../shared/reference/blaaiz-docs',
  'guides/webhooks/customer.mdx',
);
const docsExamples = existsSync(docsFile)
  ? [...readFileSync(docsFile, 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m, i) => [
      `docs #${i + 1}`,
      JSON.parse(m[1] ?? '{}'),
    ])
  : [];

describe('the spec webhooks: entry customer.status_changed', () => {
  it('has examples of its own', () => expect(specExamples.length).toBeGreaterThanOrEqual(2));

  it.each([...specExamples, ...docsExamples])('example %s validates', (_name, example) => {
    const outcome = validator.validateWebhook('customer.status_changed', 'application/json', example, SIGNED);
    expect(
      outcome.ok,
      outcome.ok ? '' : formatValidationErrors('customerStatusChanged', 'webhook', outcome.errors),
    ).toBe(true);
  });

  it('refuses a delivery without a signature, or with an undocumented field', () => {
    const [, example] = specExamples[0] ?? [];
    expect(validator.validateWebhook('customer.status_changed', 'application/json', example, {}).ok).toBe(
      false,
    );
    const extra = { ...(example as object), data: {} };
    expect(validator.validateWebhook('customer.status_changed', 'application/json', extra, SIGNED).ok).toBe(
      false,
    );
  });
});
