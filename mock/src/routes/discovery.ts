import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import type { MockDeps } from '../deps.js';
import { packageVersion, specFilePath } from '../package-info.js';

/**
 * Health and discovery under `/__mock/*` (README "Mock controls"): `GET /__mock/health` for readiness
 * probes (version, real uptime, public URLs) and `GET /__mock/openapi.yaml`, the contract it serves.
 */
export function discoveryRoutes(deps: MockDeps): Hono {
  const app = new Hono();
  const startedAt = Date.now();
  let spec: Promise<string> | undefined;

  app.get('/__mock/health', (c) =>
    c.json({
      status: 'ready',
      version: packageVersion(),
      uptime_seconds: Math.floor((Date.now() - startedAt) / 1000),
      base_url: deps.urls.api,
      storage_url: deps.urls.storage,
    }),
  );

  app.get('/__mock/openapi.yaml', async (c) => {
    spec ??= readFile(specFilePath(), 'utf8');
    return c.body(await spec, 200, { 'Content-Type': 'application/yaml; charset=utf-8' });
  });
  return app;
}
