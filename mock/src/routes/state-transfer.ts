import { type Context, Hono } from 'hono';
import { forgetCaches, type MockDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { readRequestBody } from '../http/body.js';
import { exportState, readStateExport, replaceState } from '../store/state-export.js';

/** Largest export document `POST /__mock/state/import` reads. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

async function readImport(c: Context): Promise<unknown> {
  try {
    return await readRequestBody(c, MAX_IMPORT_BYTES);
  } catch (error) {
    if (error instanceof ApiError && error.status === 413)
      throw ApiError.of('bodyTooLarge', 'The export document exceeds the 64 MB limit of an import.');
    throw error;
  }
}

/**
 * Mock-only state transfer (README "Mock controls"): `GET /__mock/state/export` gives the whole state
 * as one JSON document (client secrets with `?secrets=true`); `POST /__mock/state/import` replaces the
 * state with such a document, so a situation can be handed over and reproduced.
 */
export function stateTransferRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.get('/__mock/state/export', async (c) => {
    const secrets = c.req.query('secrets') === 'true';
    return c.json(await deps.store.transact((state, now) => exportState(state, { secrets, now })));
  });

  app.post('/__mock/state/import', async (c) => {
    const document = await readImport(c);
    const counts = await deps.store.transact((state) => {
      const read = readStateExport(document, state);
      if (!read.ok) throw new ApiError(422, read.message, { state: [read.message] });
      replaceState(state, read.state);
      return { customers: state.customers.size, files: state.files.size, pending: state.pending.size };
    });
    forgetCaches(deps);
    return c.json({ message: 'Mock state replaced by the imported export.', data: counts });
  });
  return app;
}
