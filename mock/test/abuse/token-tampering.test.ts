import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/demo-data.js';
import { signAccessToken, type TokenClaims } from '../../src/signing/jwt.js';
import { makeTestMock, T0 } from '../../src/test-kit.js';
import { stateSnapshot } from './abuse-kit.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hs256 = (input: string, secret: string) =>
  createHmac('sha256', secret).update(input).digest('base64url');

/** Rebuilds a token from its parts, re-signing with `secret` when given, else keeping `signature`. */
function forge(header: unknown, claims: unknown, signature: string, secret?: string): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${secret === undefined ? signature : hs256(body, secret)}`;
}

/** Re-spells the signature in the standard base64 alphabet (`+/`), which decodes to the same bytes. */
function toStandardAlphabet(token: string): string {
  const at = token.lastIndexOf('.');
  const bytes = Buffer.from(token.slice(at + 1), 'base64url');
  return `${token.slice(0, at + 1)}${bytes.toString('base64').replace(/=+$/, '')}`;
}

/** Pads the payload segment with `=` (to a multiple of four, or four more): lenient decoders ignore it. */
function padPayload(token: string): string {
  const [head, payload = '', signature] = token.split('.');
  const padded =
    payload.length % 4 === 0 ? `${payload}====` : payload.padEnd(Math.ceil(payload.length / 4) * 4, '=');
  return [head, padded, signature].join('.');
}

/** Sets the unused low bits of the signature's last character: same bytes, non-canonical text. */
function alterTrailingBits(token: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = token.at(-1) ?? 'A';
  const index = alphabet.indexOf(last);
  return `${token.slice(0, -1)}${alphabet[index | 1] === last ? alphabet[index & ~1] : alphabet[index | 1]}`;
}

describe('tampered access tokens are refused with 401', () => {
  let mock: Awaited<ReturnType<typeof makeTestMock>>;
  let token: string;
  let claims: TokenClaims;
  let signature: string;
  const header = { typ: 'JWT', alg: 'HS256' };

  afterEach(() => mock.resetClock());

  beforeAll(async () => {
    mock = await makeTestMock();
    token = await mock.token('mock-client', 'customer:read');
    const [, payload = '', sig = ''] = token.split('.');
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as TokenClaims;
    signature = sig;
  });

  const validFull = () =>
    signAccessToken({ ...claims, scopes: ['file:upload'] }, mock.deps.config.signingSecret);

  /** A valid token whose signature holds a `-` or `_`, so its standard-alphabet spelling differs. */
  const signatureWithUrlChars = () => {
    for (let n = 0; ; n++) {
      const candidate = signAccessToken(
        { ...claims, jti: `${claims.jti}-${n}`, scopes: ['file:upload'] },
        mock.deps.config.signingSecret,
      );
      if (/[-_]/.test(candidate.slice(candidate.lastIndexOf('.') + 1))) return candidate;
    }
  };

  const presign = (bearer: string) =>
    mock.call('POST', '/api/external/file/get-presigned-url', {
      headers: { authorization: `Bearer ${bearer}` },
      body: { customer_id: DEMO_IDS.individual, file_category: 'identity' },
    });

  async function expectRefused(bearer: string) {
    const before = await stateSnapshot(async (path, init) => mock.api.request(path, init));
    const res = await presign(bearer);
    expect(res.status, res.text).toBe(401);
    expect(res.json).toEqual({ status: false, message: 'Invalid or missing access token' });
    expect(await stateSnapshot(async (path, init) => mock.api.request(path, init))).toEqual(before);
  }

  it('the untouched token is only short of the scope (403), so the cases below fail on the token itself', async () => {
    expect((await presign(token)).status).toBe(403);
    const full = signAccessToken({ ...claims, scopes: ['file:upload'] }, mock.deps.config.signingSecret);
    expect((await presign(full)).status).toBe(200);
  });

  it.each([
    ['alg none, no signature', () => forge({ typ: 'JWT', alg: 'none' }, claims, '')],
    ['alg none, original signature', () => forge({ typ: 'JWT', alg: 'none' }, claims, signature)],
    ['alg HS512', () => forge({ typ: 'JWT', alg: 'HS512' }, claims, signature)],
    ['alg RS256', () => forge({ typ: 'JWT', alg: 'RS256' }, claims, signature)],
    [
      'signed with another key',
      () => forge(header, { ...claims, scopes: ['file:upload'] }, '', 'not-the-secret'),
    ],
    ['scopes edited', () => forge(header, { ...claims, scopes: ['file:upload'] }, signature)],
    ['expiry pushed back', () => forge(header, { ...claims, exp: claims.exp + 86_400 }, signature)],
    ['client edited', () => forge(header, { ...claims, aud: 'mock-no-upload' }, signature)],
    ['signature dropped', () => `${token.split('.').slice(0, 2).join('.')}.`],
    ['two segments', () => token.split('.').slice(0, 2).join('.')],
    ['four segments', () => `${token}.${signature}`],
    ['not base64', () => '!!!.???.***'],
    [
      'scopes not a list (validly signed)',
      () => forge(header, { ...claims, scopes: 'file:upload' }, '', mock.deps.config.signingSecret),
    ],
    [
      'unknown client (validly signed)',
      () =>
        forge(
          header,
          { ...claims, aud: 'ghost-client', scopes: ['file:upload'] },
          '',
          mock.deps.config.signingSecret,
        ),
    ],
    ['junk after the signature', () => `${validFull()}!!!`],
    ['signature with = padding', () => `${validFull()}=`],
    ['signature in the +/ alphabet', () => toStandardAlphabet(signatureWithUrlChars())],
    ['payload with = padding', () => padPayload(validFull())],
    ['signature with altered trailing bits', () => alterTrailingBits(validFull())],
    [
      'not yet valid (validly signed)',
      () =>
        forge(
          header,
          { ...claims, scopes: ['file:upload'], nbf: T0 / 1000 + 3600 },
          '',
          mock.deps.config.signingSecret,
        ),
    ],
  ])('%s', async (_label, make) => {
    await expectRefused(make());
  });

  it('expired: signed correctly but past exp, or the clock moved past it', async () => {
    const full = signAccessToken({ ...claims, scopes: ['file:upload'] }, mock.deps.config.signingSecret);
    await expectRefused(
      forge(
        header,
        { ...claims, scopes: ['file:upload'], exp: T0 / 1000 - 1 },
        '',
        mock.deps.config.signingSecret,
      ),
    );
    await mock.advance(900);
    await expectRefused(full);
    await mock.resetClock();
    expect((await presign(full)).status).toBe(200);
  });

  it('any single character changed in the header or the payload', async () => {
    const full = signAccessToken({ ...claims, scopes: ['file:upload'] }, mock.deps.config.signingSecret);
    const signedPart = full.lastIndexOf('.');
    const edits = fc.tuple(fc.nat(signedPart - 1), fc.constantFrom(...'AZaz09-_.'));
    await fc.assert(
      fc.asyncProperty(edits, async ([at, ch]) => {
        fc.pre(full[at] !== ch);
        await expectRefused(`${full.slice(0, at)}${ch}${full.slice(at + 1)}`);
      }),
      { numRuns: 60 },
    );
  });
});
