/** The one HTTP client every contract test uses: no response reaches a test without being judged. */
import { formatValidationErrors } from '../../mock/src/spec/validator.js';
import type { ClientConfig, ContractClient, ContractResponse, OperationId } from './contract-types.js';
import { createJudgedExchange } from './judged-exchange.js';
import { type BuiltRequest, buildRequest, joinUrl } from './request-builder.js';
import { judgeRequest, specOperation } from './spec-judge.js';
import { headerOf, type WireResponse } from './transport.js';

function parseBody(response: WireResponse): unknown {
  if (response.text === '') return undefined;
  if (!/[/+]json\b/.test(headerOf(response.headers, 'content-type') ?? '')) return response.text;
  try {
    return JSON.parse(response.text);
  } catch {
    return response.text;
  }
}

function toContractResponse(operationId: string, response: WireResponse): ContractResponse {
  const { status, headers, text } = response;
  return { operationId, status, headers, text, body: parseBody(response) };
}

/** Checks the test's intent: a request breaks openapi.yaml exactly when the test says so (`invalid`). */
function checkIntent(operationId: string, request: BuiltRequest, invalid: string | undefined): void {
  const issues = judgeRequest(operationId, request);
  if (issues.length > 0 && invalid === undefined) {
    throw new Error(
      `${operationId}: the test's own request breaks openapi.yaml (pass \`invalid: 'why'\` if on purpose)\n` +
        formatValidationErrors(operationId, 'request', issues),
    );
  }
  if (issues.length === 0 && invalid !== undefined) {
    throw new Error(
      `${operationId}: the request is declared invalid (${invalid}) but openapi.yaml accepts it`,
    );
  }
}

/**
 * Builds the client: method and path come from openapi.yaml by operationId, the request is checked
 * against the spec (a test must say when it breaks it on purpose), and every answer is judged by the
 * spec, and by Prism when `viaPrism`, before the test sees it.
 */
export function createContractClient(config: ClientConfig): ContractClient {
  const exchange = createJudgedExchange(config);
  const client: ContractClient = {
    config,
    async send(operationId: OperationId, options = {}) {
      const request = buildRequest(specOperation(operationId), options);
      checkIntent(operationId, request, options.invalid);
      const base = config.viaPrism ? config.apiUrl : config.directUrl;
      const url = joinUrl(base, request.pathAndQuery);
      const sent = { method: request.method, url, headers: request.headers, body: request.body };
      const route = { viaPrism: config.viaPrism, invalid: options.invalid };
      return toContractResponse(operationId, await exchange(operationId, sent, route));
    },
    async call(operationId, status, options) {
      const response = await client.send(operationId, options);
      if (response.status !== status) {
        throw new Error(
          `[${config.target}] ${operationId}: expected status ${status}, got ${response.status}: ` +
            response.text.slice(0, 600),
        );
      }
      return response.body as never;
    },
    async putObject(url, bytes, headers = {}) {
      const query = new URL(url).searchParams;
      const issues = judgeRequest('putObject', {
        contentType: headers['content-type'],
        body: bytes,
        query,
        headers,
      });
      if (issues.length > 0) throw new Error(formatValidationErrors('putObject', 'request', issues));
      const sent = { method: 'PUT', url, headers, body: bytes };
      return toContractResponse('putObject', await exchange('putObject', sent, { viaPrism: false }));
    },
  };
  return client;
}
