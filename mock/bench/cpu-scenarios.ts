import { DEMO_IDS } from '../src/demo-data.js';
import type { LoadSpec } from './load.js';

/** A single-request scenario measured per request: what is sent, and how to tell it worked. */
export interface Scenario {
  /** Short name used in figure names (`presign`, `token`, `GET customer`). */
  name: string;
  /** The request to send against `baseUrl`, with a token holding every scope when one is needed. */
  load(baseUrl: string, token: string, connections: number): LoadSpec;
}

const JSON_POST = (token: string) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
});

/** `POST /api/external/file/get-presigned-url` for the demo individual (operationId `getPresignedUrl`). */
export const PRESIGN: Scenario = {
  name: 'presign',
  load: (baseUrl, token, connections) => ({
    url: `${baseUrl}/api/external/file/get-presigned-url`,
    method: 'POST',
    headers: JSON_POST(token),
    body: JSON.stringify({ customer_id: DEMO_IDS.individual, file_category: 'proof_of_address' }),
    connections,
    seconds: 0,
  }),
};

/** `POST /oauth/token`, client credentials as a form (operationId `issueToken`). */
export const TOKEN: Scenario = {
  name: 'token',
  load: (baseUrl, _token, connections) => ({
    url: `${baseUrl}/oauth/token`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'mock-client',
      client_secret: 'mock-secret',
      scope: 'customer:read file:upload',
    }).toString(),
    connections,
    seconds: 0,
  }),
};

/** `GET /api/external/customer/{id}` of the demo individual (operationId `getCustomer`). */
export const GET_CUSTOMER: Scenario = {
  name: 'GET customer',
  load: (baseUrl, token, connections) => ({
    url: `${baseUrl}/api/external/customer/${DEMO_IDS.individual}`,
    method: 'GET',
    headers: { authorization: `Bearer ${token}` },
    connections,
    seconds: 0,
  }),
};

/** Every single-request scenario of the CPU bench, in the order they run. */
export const SCENARIOS = [PRESIGN, TOKEN, GET_CUSTOMER];
