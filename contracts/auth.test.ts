/** issueToken: client credentials as form and JSON, scope subsets, and the OAuth errors (400, 401). */
import { describe, expect, it } from 'vitest';
import { api, FLOW_SCOPES, target } from './lib/suite.js';

const credentials = {
  grant_type: 'client_credentials',
  client_id: target.clientId,
  client_secret: target.clientSecret,
};

describe('issueToken', () => {
  it('issues a Bearer token for a form body with a scope subset (200)', async () => {
    const body = await api.call('issueToken', 200, {
      form: { ...credentials, scope: FLOW_SCOPES.join(' ') },
    });
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBeGreaterThan(0);
    expect(body.access_token.split('.')).toHaveLength(3);
  });

  it('accepts the same request as JSON (200)', async () => {
    const body = await api.call('issueToken', 200, { json: { ...credentials, scope: 'customer:read' } });
    expect(body.access_token.length).toBeGreaterThan(20);
  });

  it('still issues a token when scope is empty (200; its calls answer 403, see access.test.ts)', async () => {
    const body = await api.call('issueToken', 200, { form: { ...credentials, scope: '' } });
    expect(body.token_type).toBe('Bearer');
  });

  it('refuses a bundle name as scope with invalid_scope (400)', async () => {
    const body = await api.call('issueToken', 400, { form: { ...credentials, scope: 'full-access' } });
    expect(body.error).toBe('invalid_scope');
    expect(body.error_description).toMatch(/scope/i);
  });

  it('refuses another grant type with unsupported_grant_type (400)', async () => {
    const body = await api.call('issueToken', 400, {
      form: { ...credentials, grant_type: 'password' },
      invalid: 'grant_type outside its enum',
    });
    // openapi.yaml's example says unsupported_grant_type (RFC 6749 5.2); api-contract.md §2 says invalid_request.
    expect(['unsupported_grant_type', 'invalid_request']).toContain(body.error);
  });

  it('refuses a request without client_secret with invalid_request (400)', async () => {
    const { client_secret: _omitted, ...rest } = credentials;
    const body = await api.call('issueToken', 400, { form: rest, invalid: 'client_secret missing' });
    expect(body.error).toBe('invalid_request');
  });

  it('refuses a wrong secret with invalid_client (401)', async () => {
    const form = { ...credentials, client_secret: `${target.clientSecret}-wrong`, scope: 'customer:read' };
    const body = await api.call('issueToken', 401, { form });
    expect(body.error).toBe('invalid_client');
  });

  it('refuses an unknown client with invalid_client (401)', async () => {
    const form = { ...credentials, client_id: `contract-unknown-${target.runId}`, scope: 'customer:read' };
    const body = await api.call('issueToken', 401, { form });
    expect(body.error).toBe('invalid_client');
    expect(body.message ?? body.error_description).toMatch(/client authentication failed/i);
  });
});
