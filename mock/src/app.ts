import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { MockDeps } from './deps.js';
import { ApiError, errorResponse } from './errors.js';
import { injectFaults } from './http/fault-middleware.js';
import { journalRequests } from './http/journal-middleware.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { currencyRoutes } from './routes/currencies.js';
import { customerLifecycleRoutes } from './routes/customer-lifecycle.js';
import { customerRoutes } from './routes/customers.js';
import { discoveryRoutes } from './routes/discovery.js';
import { documentRoutes } from './routes/documents.js';
import { fileRoutes } from './routes/files.js';
import { inspectorRoutes } from './routes/inspector.js';
import { observeRoutes } from './routes/observe.js';
import { ownerRoutes } from './routes/owners.js';
import { stateTransferRoutes } from './routes/state-transfer.js';
import { storageRoutes } from './routes/storage.js';
import { webhookControlRoutes } from './routes/webhook-controls.js';
import { webhookRoutes } from './routes/webhooks.js';
import { StateUnavailableError } from './store/commit-batch.js';
import { StateWriteError } from './store/file-store.js';

/** The two HTTP faces of one mock instance: the API and the object store its presigned URLs point at. */
export interface MockApps {
  api: Hono;
  storage: Hono;
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StateUnavailableError) return ApiError.of('stateUnavailable');
  if (error instanceof StateWriteError)
    return ApiError.of('stateWriteFailed', `The mock could not save the change: ${error.message}`);
  if (error instanceof HTTPException)
    return new ApiError(error.status as ApiError['status'], error.message || 'Bad Request');
  return ApiError.of('serverError');
}

/** Builds the API app: auth, files, customers and mock controls, sharing one instance's deps. */
function createApiApp(deps: MockDeps): Hono {
  const api = new Hono();
  api.use('*', journalRequests(deps, 'api'));
  api.use('*', injectFaults(deps, 'api'));
  for (const routes of [
    authRoutes,
    fileRoutes,
    customerRoutes,
    customerLifecycleRoutes,
    ownerRoutes,
    documentRoutes,
    webhookRoutes,
    currencyRoutes,
    adminRoutes,
    webhookControlRoutes,
    discoveryRoutes,
    stateTransferRoutes,
    observeRoutes,
  ])
    api.route('/', routes(deps));
  api.route('/', inspectorRoutes(deps, { fetch: async (request) => api.fetch(request) }));
  api.notFound((c) =>
    errorResponse(c, ApiError.of('routeNotFound', `The route ${c.req.path} could not be found.`)),
  );
  api.onError((error, c) => {
    const apiError = toApiError(error);
    // An unreachable shared store is reported once by its connection, not once per request.
    if (apiError.status >= 500 && !(error instanceof StateUnavailableError)) console.error(error);
    return errorResponse(c, apiError);
  });
  return api;
}

/** Builds both apps of an instance; no module-level state, so every test can make its own. */
export function createApp(deps: MockDeps): MockApps {
  return { api: createApiApp(deps), storage: storageRoutes(deps) };
}
