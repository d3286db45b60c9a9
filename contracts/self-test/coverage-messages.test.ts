/** The coverage check's messages say exactly which lines to add to (or remove from) the coverage table. */
import { describe, expect, it } from 'vitest';
import { RATE_LIMITED } from '../coverage-table.js';
import { coverageProblems, type OperationFacts, unreceived } from '../lib/coverage-check.js';

const submit: OperationFacts = {
  operationId: 'submitCustomer',
  method: 'POST',
  path: '/api/external/customer/{customer}/submit',
  statuses: ['200', '401', '422', '429'],
  tag: 'Customer',
  secured: true,
};

describe('coverage messages', () => {
  it('suggests a plain entry for an operation without OAuth security', () => {
    const put = {
      ...submit,
      operationId: 'putObject',
      statuses: ['200', '403'],
      tag: 'object-store',
      secured: false,
    };
    expect(coverageProblems([put], {})[0]).toContain(
      "\n  putObject: { '200': 'object-store', '403': 'object-store' },\n",
    );
  });

  it('prints the entry to paste for an operation the table lacks', () => {
    const [message] = coverageProblems([submit], {});
    expect(message).toContain(
      'submitCustomer (POST /api/external/customer/{customer}/submit) has no contract coverage',
    );
    expect(message).toContain("\n  submitCustomer: secured('customer', ['200', '422']),\n");
  });

  it('prints the lines to add for a status the entry lacks', () => {
    const [message] = coverageProblems([submit], {
      submitCustomer: { '200': 'customer', '401': 'access', '429': RATE_LIMITED },
    });
    expect(message).toContain('submitCustomer (POST /api/external/customer/{customer}/submit) documents 422');
    expect(message).toContain("'422': 'customer'");
    expect(message).toContain("in a secured(...) entry, add '422' to its list");
  });

  it('asks to remove operations and statuses the spec no longer has', () => {
    const table = {
      submitCustomer: { '200': 'c', '401': 'a', '422': 'c', '429': RATE_LIMITED, '409': 'c' },
      gone: {},
    };
    const problems = coverageProblems([submit], table);
    expect(problems).toEqual([
      expect.stringContaining('lists submitCustomer 409, not documented in openapi.yaml: remove them'),
      expect.stringContaining('lists gone, which openapi.yaml no longer has: remove it'),
    ]);
  });

  it('reports statuses the table names but the run never received (mock-only ones only with mock controls)', () => {
    const table = {
      putObject: { '200': 'upload-flow', '404': 'mock-only/reset' },
      issueToken: { '429': RATE_LIMITED },
    };
    expect(unreceived(table, new Set(['putObject 200']), true)).toEqual(['putObject 404']);
    expect(unreceived(table, new Set(['putObject 200']), false)).toEqual([]);
  });
});
