import fc from 'fast-check';
import type { OpenApiDocument } from '../../src/spec/openapi-document.js';
import { listOperations, type SpecOperation } from '../../src/spec/operations.js';
import {
  ascii,
  bodyShape,
  brokenBodies,
  brokenForm,
  garbageId,
  type RequestContext,
  realPath,
  tamperedToken,
  wrongQueryValue,
} from './request-parts.js';
import { extraFields, jsonObject } from './schema-mutations.js';

export type { RequestContext } from './request-parts.js';

/** A request that breaks a rule of openapi.yaml, so the mock must refuse it and change nothing. */
export interface InvalidRequest {
  operationId: string;
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const BAD_TYPES = ['text/xml', 'application/octet-stream', 'multipart/form-data; boundary=x', 'image/png'];
const JSON_TYPE = { 'content-type': 'application/json' };

function credentials(ctx: RequestContext): fc.Arbitrary<Record<string, string>> {
  const authorization = fc.oneof(
    ascii.map((t) => `Bearer ${t}`),
    ascii,
    tamperedToken(ctx.token).map((t) => `Bearer ${t}`),
    fc.constant(`Bearer ${ctx.tokenWithoutScopes}`),
  );
  return fc.oneof(
    fc.constant({}),
    authorization.map((value) => ({ authorization: value })),
    ascii.map((key) => ({ 'x-blaaiz-api-key': key })),
  );
}

/** Every way to break one operation, each with valid parts elsewhere so only that rule is at fault. */
function strategies(spec: OpenApiDocument, op: SpecOperation, ctx: RequestContext) {
  const request = (kind: string, path: string, headers: Record<string, string>, body?: string) => ({
    operationId: op.operationId,
    kind,
    method: op.method,
    path,
    headers,
    ...(body === undefined ? {} : { body }),
    // Failure reports show a short form: some bodies are a megabyte long.
    [fc.toStringMethod]: () =>
      `${kind}: ${op.method} ${path.slice(0, 200)} ${JSON.stringify(headers).slice(0, 300)} ${body?.length ?? 0} bytes ${JSON.stringify(body?.slice(0, 300))}`,
  });
  const bearer = { authorization: `Bearer ${ctx.token}` };
  const path = realPath(op, ctx);
  const json = bodyShape(spec, op, 'application/json');
  const form = bodyShape(spec, op, 'application/x-www-form-urlencoded');
  const emptyBody = json ? '{}' : undefined;
  const out: fc.Arbitrary<InvalidRequest>[] = [];
  if (op.scope !== undefined) {
    out.push(
      credentials(ctx).map((h) => request('bad credentials', path, { ...h, ...JSON_TYPE }, emptyBody)),
    );
    const scopeless = { authorization: `Bearer ${ctx.tokenWithoutScopes}`, ...JSON_TYPE };
    out.push(fc.constant(request('a token without scopes', path, scopeless, emptyBody)));
  }
  if (op.path.includes('{')) {
    const headers = { ...bearer, ...JSON_TYPE };
    out.push(garbageId.map((id) => request('unknown path id', realPath(op, ctx, id), headers, emptyBody)));
  }
  if (json) {
    for (const broken of brokenBodies(spec, json)) {
      out.push(broken.map(([kind, text]) => request(kind, path, { ...bearer, ...JSON_TYPE }, text)));
    }
    const typed = fc.tuple(fc.constantFrom(...BAD_TYPES), extraFields);
    out.push(
      typed.map(([type, fields]) =>
        request(
          'wrong content type',
          path,
          { ...bearer, 'content-type': type },
          jsonObject([...fields, ['x', 1]]),
        ),
      ),
    );
  }
  if (form && form.required.length > 0) {
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    out.push(brokenForm.map((text) => request('form fields missing', path, headers, text)));
  }
  for (const param of op.parameters.filter((p) => p.in === 'query')) {
    const value = param.schema === undefined ? undefined : wrongQueryValue(spec, param.schema);
    const query = (v: string) => `${path}?${new URLSearchParams({ [param.name]: v })}`;
    if (value) out.push(value.map((v) => request(`bad query ${param.name}`, query(v), bearer)));
  }
  return out;
}

/** Invalid requests for every operation of openapi.yaml (the object store's `putObject` aside). */
export function invalidRequests(spec: OpenApiDocument, ctx: RequestContext) {
  const operations = listOperations(spec).filter((op) => op.operationId !== 'putObject');
  const byOperation = new Map(operations.map((op) => [op.operationId, strategies(spec, op, ctx)]));
  return { operations, byOperation, any: fc.oneof(...[...byOperation.values()].flat()) };
}
