import { describe, expect, it } from 'vitest';
import { ALL_SCOPES, resolveRequestedScopes, type Scope } from './scopes.js';

const held: Scope[] = ['customer:read', 'customer:write', 'file:upload'];

describe('resolveRequestedScopes', () => {
  it.each([
    ['an omitted scope', undefined, []],
    ['an empty scope', '', []],
    ['blanks only', '   ', []],
    ['a subset', 'customer:read', ['customer:read']],
    ['all held, with extra spaces', ' customer:read  customer:write file:upload ', held],
    ['a repeated name once', 'file:upload file:upload', ['file:upload']],
    [
      "the SDKs' default pii scope, dropped when not held",
      'customer:read compliance-kyc:pii:read',
      ['customer:read'],
    ],
    ['a real scope the client does not hold, dropped', 'payout:create customer:read', ['customer:read']],
    ['only scopes the client does not hold: a token without scopes', 'payout:create wallet:read', []],
    ['every scope there is: the ones held', ALL_SCOPES.join(' '), held],
  ])('grants %s', (_label, requested, expected) => {
    expect(resolveRequestedScopes(requested, held)).toEqual({ ok: true, scopes: expected });
  });

  it.each([
    ['a bundle name', 'full-access', ['full-access']],
    ['an unknown name', 'files:upload', ['files:upload']],
    ['a wildcard', '*', ['*']],
    ['a bundle name among real scopes', 'customer:read read-only file:upload', ['read-only']],
  ])('refuses %s', (_label, requested, invalid) => {
    expect(resolveRequestedScopes(requested, held)).toEqual({ ok: false, invalid });
  });

  it('grants the pii scope to a client that holds it', () => {
    expect(resolveRequestedScopes('compliance-kyc:pii:read', ['compliance-kyc:pii:read'])).toEqual({
      ok: true,
      scopes: ['compliance-kyc:pii:read'],
    });
  });

  it('knows the 37 scopes of the live API', () => {
    expect(new Set(ALL_SCOPES).size).toBe(37);
  });
});
