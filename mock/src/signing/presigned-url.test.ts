import { describe, expect, it } from 'vitest';
import { createPresignedUrl, PRESIGN_PARAMS, verifyPresignedUrl } from './presigned-url.js';

const secret = 's3cret';
const issuedAtMs = Date.UTC(2026, 10, 27, 9, 30, 0);
const path = '/blaaiz-uploads/abc';
const url = new URL(
  createPresignedUrl({
    method: 'PUT',
    baseUrl: 'https://127.0.0.1:4443',
    path,
    issuedAtMs,
    expiresSeconds: 300,
    secret,
  }),
);

function check(params: URLSearchParams, { method = 'PUT', at = issuedAtMs + 1000, p = path } = {}) {
  return verifyPresignedUrl(method, p, params, secret, at);
}

describe('presigned URLs', () => {
  it('is S3-shaped and verifies until it expires', () => {
    expect([...url.searchParams.keys()]).toEqual([...PRESIGN_PARAMS]);
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261127T093000Z');
    expect(check(url.searchParams)).toEqual({ ok: true, expiresAtMs: issuedAtMs + 300_000 });
  });

  it('expires after five minutes on the given clock', () => {
    expect(check(url.searchParams, { at: issuedAtMs + 300_000 })).toMatchObject({
      ok: false,
      fault: 'expired',
    });
  });

  it.each(PRESIGN_PARAMS.filter((k) => k !== 'X-Amz-Signature' && k !== 'X-Amz-Algorithm'))(
    'rejects an altered %s',
    (key) => {
      const params = new URLSearchParams(url.searchParams);
      params.set(key, `${params.get(key)}0`);
      expect(check(params)).toMatchObject({ ok: false, fault: 'signature' });
    },
  );

  it.each(PRESIGN_PARAMS)('rejects a URL without %s', (key) => {
    const params = new URLSearchParams(url.searchParams);
    params.delete(key);
    expect(check(params)).toMatchObject({ ok: false, fault: 'missing-parameters' });
  });

  it.each([
    ['an altered signature', (p: URLSearchParams) => p.set('X-Amz-Signature', '0'.repeat(64)), 'signature'],
    [
      'another algorithm',
      (p: URLSearchParams) => p.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA1'),
      'bad-algorithm',
    ],
    ['an extra parameter', (p: URLSearchParams) => p.set('x-id', 'PutObject'), 'signature'],
    [
      'an upper-cased signature',
      (p: URLSearchParams) => p.set('X-Amz-Signature', (p.get('X-Amz-Signature') ?? '').toUpperCase()),
      'signature',
    ],
    [
      'a signature with a character more',
      (p: URLSearchParams) => p.set('X-Amz-Signature', `${p.get('X-Amz-Signature')}0`),
      'signature',
    ],
    ['a second signature', (p: URLSearchParams) => p.append('X-Amz-Signature', 'f'.repeat(64)), 'signature'],
  ])('rejects %s', (_label, edit, fault) => {
    const params = new URLSearchParams(url.searchParams);
    edit(params);
    expect(check(params)).toMatchObject({ ok: false, fault });
  });

  it('rejects another method or path', () => {
    expect(check(url.searchParams, { method: 'GET' })).toMatchObject({ ok: false, fault: 'signature' });
    expect(check(url.searchParams, { p: '/blaaiz-uploads/abd' })).toMatchObject({
      ok: false,
      fault: 'signature',
    });
  });
});
