import { timingSafeEqual } from 'node:crypto';
import type { components } from '../generated/openapi.js';
import { signAccessToken } from '../signing/jwt.js';
import type { MockState } from '../store/state.js';
import { fail, type OAuthErrorCode, ok, type Result } from './result.js';
import { resolveRequestedScopes } from './scopes.js';

type Schemas = components['schemas'];

/** Lifetime of an access token, as the live API (`expires_in`). */
export const TOKEN_TTL_SECONDS = 900;

export type TokenOutcome = Result<Schemas['TokenResponse']>;

function oauthError(error: OAuthErrorCode, description: string, message?: string): TokenOutcome {
  return fail({ kind: 'oauth', error, description, ...(message === undefined ? {} : { message }) });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The fields of a token request, from a form, JSON body or HTTP Basic header. */
export interface TokenParams {
  grant_type?: string | undefined;
  client_id?: string | undefined;
  client_secret?: string | undefined;
  scope?: string | undefined;
}

/** Client-credentials grant (operationId `issueToken`): authenticates the client and signs a scoped JWT. */
export function issueToken(
  state: MockState,
  params: TokenParams,
  ctx: { now: number; newId(): string; secret: string },
): TokenOutcome {
  if (!params.grant_type) {
    return oauthError('invalid_request', 'The request is missing a required parameter: grant_type.');
  }
  if (params.grant_type !== 'client_credentials') {
    return oauthError(
      'invalid_request',
      `The grant type ${params.grant_type} is not supported: use client_credentials.`,
    );
  }
  for (const field of ['client_id', 'client_secret'] as const) {
    if (!params[field]) {
      return oauthError('invalid_request', `The request is missing a required parameter: ${field}.`);
    }
  }
  const client = state.clients.get(params.client_id ?? '');
  if (!client || !sameSecret(params.client_secret ?? '', client.clientSecret)) {
    return oauthError('invalid_client', 'Client authentication failed');
  }
  const scopes = resolveRequestedScopes(params.scope, client.scopes);
  if (!scopes.ok) {
    return oauthError(
      'invalid_scope',
      `The requested scope is invalid, unknown, or malformed: ${scopes.invalid.join(' ')}`,
      'Invalid scope(s) provided',
    );
  }
  const iat = Math.floor(ctx.now / 1000);
  const token = signAccessToken(
    {
      aud: client.clientId,
      jti: ctx.newId(),
      iat,
      nbf: iat,
      exp: iat + TOKEN_TTL_SECONDS,
      sub: '',
      scopes: scopes.scopes,
    },
    ctx.secret,
  );
  return ok({ token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS, access_token: token });
}
