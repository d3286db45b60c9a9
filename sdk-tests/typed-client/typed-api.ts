import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../mock/src/generated/openapi.js';
import type { MockCredentials } from '../../mock/src/testing.js';

/** A client typed from openapi.yaml's generated `paths`: every path, body and answer checked by tsc. */
export type TypedApi = Client<paths>;

/** An unauthenticated typed client (what asks for the token). */
export function typedApi(baseUrl: string): TypedApi {
  return createClient<paths>({ baseUrl });
}

/** `issueToken` through the typed client, with the form body the SDKs send; throws on anything but 200. */
export async function typedToken(
  api: TypedApi,
  credentials: Pick<MockCredentials, 'clientId' | 'clientSecret' | 'scope'>,
): Promise<string> {
  const { data, error, response } = await api.POST('/oauth/token', {
    body: {
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: credentials.scope,
    },
    bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  if (!data) throw new Error(`token: ${response.status} ${JSON.stringify(error)}`);
  return data.access_token;
}

/** A typed client that sends `Authorization: Bearer <token>` on every call, after getting that token. */
export async function authorizedTypedApi(
  baseUrl: string,
  credentials: Pick<MockCredentials, 'clientId' | 'clientSecret' | 'scope'>,
): Promise<TypedApi> {
  const token = await typedToken(typedApi(baseUrl), credentials);
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}

/** Unwraps a typed answer: its data when the status is the expected one, else an error naming both. */
export function expectStatus<T>(
  result: { data?: T; error?: unknown; response: Response },
  status: number,
): NonNullable<T> {
  if (result.response.status !== status || result.data === undefined || result.data === null) {
    throw new Error(
      `expected ${status}, got ${result.response.status}: ${JSON.stringify(result.error ?? result.data)}`,
    );
  }
  return result.data;
}
