import type { Context } from 'hono';
import { Hono } from 'hono';
import { issueToken, type TokenParams } from '../core/oauth.js';
import type { MockDeps } from '../deps.js';
import { ApiError, errorResponse, failureToError } from '../errors.js';
import { noteHeader } from '../http/answer-headers.js';
import { readRequestBody, requestHeader } from '../http/body.js';
import { respond } from '../http/respond.js';

function basicCredentials(header: string | undefined): TokenParams {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return {};
  const [id, ...rest] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  try {
    return { client_id: decodeURIComponent(id ?? ''), client_secret: decodeURIComponent(rest.join(':')) };
  } catch {
    // A bad percent-escape (`%zz`, a lone `%`) is an unreadable request, answered in the OAuth shape.
    throw new ApiError(400, 'The client credentials of the Authorization header are not validly encoded.');
  }
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

async function readTokenParams(c: Context): Promise<TokenParams> {
  const body = await readRequestBody(c);
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const basic = basicCredentials(requestHeader(c, 'authorization'));
  return {
    grant_type: asString(fields.grant_type),
    client_id: asString(fields.client_id) ?? basic.client_id,
    client_secret: asString(fields.client_secret) ?? basic.client_secret,
    scope: asString(fields.scope),
  };
}

/** `POST /oauth/token` (operationId `issueToken`): client credentials by form, JSON or HTTP Basic. */
export function authRoutes(deps: MockDeps): Hono {
  const app = new Hono();
  app.post('/oauth/token', async (c) => {
    let params: TokenParams;
    try {
      params = await readTokenParams(c);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Unreadable token requests keep the OAuth error shape; an oversized body keeps its 413.
      const status = error.status === 413 ? 413 : 400;
      return errorResponse(c, ApiError.oauth('invalid_request', error.message, error.message, status));
    }
    const outcome = await deps.store.transact((state, now) =>
      issueToken(state, params, { now, newId: deps.newId, secret: deps.config.signingSecret }),
    );
    noteHeader(c, 'Cache-Control', 'no-store');
    if (!outcome.ok) return errorResponse(c, failureToError(outcome.error));
    return respond(c, 'issueToken', 200, outcome.value);
  });
  return app;
}
