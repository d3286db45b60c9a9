import { Hono } from 'hono';
import { forceReview } from '../core/review.js';
import { sweepExpiredUploads } from '../core/uploads.js';
import { loadSeed, type MockDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { readRequestBody } from '../http/body.js';
import { unwrap } from '../http/validated.js';
import { describeState } from '../store/describe-state.js';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** Mock-only controls under `/__mock/*` (README "Mock controls"); never part of `openapi.yaml`. */
export function adminRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.post('/__mock/reset', async (c) => {
    deps.clock.reset();
    loadSeed(deps);
    await deps.objects.clear();
    return c.json({ message: 'Mock state reset to its seed.' });
  });

  app.post('/__mock/clock/advance', async (c) => {
    const seconds = field(await readRequestBody(c), 'seconds');
    if (
      typeof seconds !== 'number' ||
      !Number.isFinite(seconds) ||
      seconds < 0 ||
      seconds > 10 * 365 * 86400
    ) {
      throw new ApiError(422, 'The seconds field must be a number from 0 to 315360000.', {
        seconds: ['The seconds field must be a number from 0 to 315360000.'],
      });
    }
    deps.clock.advance(seconds);
    sweepExpiredUploads(deps.state, deps.clock.now());
    return c.json({
      message: `Clock advanced by ${seconds} seconds.`,
      now: new Date(deps.clock.now()).toISOString(),
    });
  });

  app.get('/__mock/state', (c) => c.json(describeState(deps)));

  app.get('/__mock/ca.pem', (c) => {
    if (!deps.caCertPem) throw new ApiError(404, 'The object store serves plain http: there is no CA.');
    return c.body(deps.caCertPem, 200, { 'Content-Type': 'application/x-pem-file' });
  });

  app.post('/__mock/customers/:id/review', async (c) => {
    const outcome = field(await readRequestBody(c), 'outcome');
    if (outcome !== 'VERIFIED' && outcome !== 'REJECTED') {
      throw new ApiError(422, 'The outcome field must be VERIFIED or REJECTED.', {
        outcome: ['The outcome field must be VERIFIED or REJECTED.'],
      });
    }
    const record = unwrap(forceReview(deps.state, c.req.param('id'), outcome, deps.clock.now()));
    return c.json({ message: `Review completed: ${outcome}.`, data: record.view });
  });
  return app;
}
