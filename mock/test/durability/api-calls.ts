// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, each asserted by the test
export type Json = any;

/** A customer create body that passes the API's rules; `n` makes its e-mail and id number unique. */
export function individual(n: number): Record<string, unknown> {
  return {
    type: 'individual',
    first_name: 'Ada',
    last_name: `Durable ${n}`,
    email: `ada.${n}@example.com`,
    country: 'GB',
    id_type: 'passport',
    id_number: `P${n}`,
  };
}

/** A bearer token of the demo client with every scope. */
export async function token(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=mock-client&client_secret=mock-secret&scope=customer:read customer:write file:upload',
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/** A JSON request with the token; resolves to the status and the parsed body. */
export async function call(
  baseUrl: string,
  bearer: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** `workers` loops creating customers on `baseUrl` until stopped; the names acknowledged with 201 and any other statuses. */
export function burst(baseUrl: string, bearer: string, workers: number, from: number) {
  const acknowledged: string[] = [];
  const failures: number[] = [];
  let next = from;
  let stopped = false;
  const loops = Array.from({ length: workers }, async () => {
    while (!stopped) {
      const body = individual(next++);
      try {
        const created = await call(baseUrl, bearer, 'POST', '/api/external/customer', body);
        if (created.status === 201) acknowledged.push(body.last_name as string);
        else failures.push(created.status);
      } catch {
        return; // the connection died with the process: this write was never acknowledged
      }
    }
  });
  return {
    acknowledged,
    failures,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}
