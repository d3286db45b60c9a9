import { Hono } from 'hono';
import { advanceClock, LATEST_VIRTUAL_TIME, secondsLeft } from '../core/clock.js';
import { type ChildOutcome, forceReview, type ReviewVerdict } from '../core/review.js';
import { type MockDeps, resetInstance } from '../deps.js';
import { ApiError } from '../errors.js';
import { readRequestBody } from '../http/body.js';
import { controlGuard } from '../http/control-guard.js';
import { describeState } from '../http/describe-state.js';
import { presentCustomer } from '../http/present.js';
import { unwrap } from '../http/validated.js';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function invalid(field: string, message: string): ApiError {
  return new ApiError(422, message, { [field]: [message] });
}

function childOutcomes(
  body: unknown,
  name: 'owners' | 'documents',
): Record<string, ChildOutcome> | undefined {
  const value = field(body, name);
  if (value === undefined) return undefined;
  const entries =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : null;
  if (!entries || entries.some(([, v]) => v !== 'APPROVED' && v !== 'REJECTED')) {
    throw invalid(name, `The ${name} field must map ids to APPROVED or REJECTED.`);
  }
  return Object.fromEntries(entries) as Record<string, ChildOutcome>;
}

/** Reads `{outcome, comment?, owners?, documents?}` of the forced-review control. */
function parseVerdict(body: unknown): ReviewVerdict {
  const outcome = field(body, 'outcome');
  if (outcome !== 'VERIFIED' && outcome !== 'REJECTED')
    throw invalid('outcome', 'The outcome field must be VERIFIED or REJECTED.');
  const comment = field(body, 'comment');
  if (comment !== undefined && typeof comment !== 'string')
    throw invalid('comment', 'The comment field must be a string.');
  const owners = childOutcomes(body, 'owners');
  const documents = childOutcomes(body, 'documents');
  return {
    outcome,
    ...(comment === undefined ? {} : { comment }),
    ...(owners ? { owners } : {}),
    ...(documents ? { documents } : {}),
  };
}

/** Mock-only controls under `/__mock/*` (README "Mock controls"); never part of `openapi.yaml`. */
export function adminRoutes(deps: MockDeps): Hono {
  const app = new Hono();
  app.use('/__mock/*', controlGuard(deps));

  app.post('/__mock/reset', async (c) => {
    await resetInstance(deps);
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
    await deps.store.transact((state, now) => {
      const left = secondsLeft(now);
      if (seconds > left) {
        const message = `The virtual clock cannot pass ${new Date(LATEST_VIRTUAL_TIME).toISOString()}: it may advance at most ${left} more seconds (reset to start over).`;
        throw new ApiError(422, message, { seconds: [message] });
      }
      advanceClock(state, seconds);
    });
    // A second transaction settles the state at the new time: reviews it makes due complete before the
    // answer, and so do the webhook deliveries it makes due.
    const now = await deps.store.transact((_state, now) => now);
    await deps.webhooks.drain();
    return c.json({ message: `Clock advanced by ${seconds} seconds.`, now: new Date(now).toISOString() });
  });

  app.get('/__mock/state', async (c) => c.json(await deps.store.transact(describeState)));

  app.get('/__mock/ca.pem', (c) => {
    if (!deps.caCertPem) throw new ApiError(404, 'The object store serves plain http: there is no CA.');
    return c.body(deps.caCertPem, 200, { 'Content-Type': 'application/x-pem-file' });
  });

  app.post('/__mock/customers/:id/review', async (c) => {
    const verdict = parseVerdict(await readRequestBody(c));
    const data = await deps.store.transact((state, now) =>
      presentCustomer(deps, unwrap(forceReview(state, c.req.param('id'), verdict, now)), now),
    );
    return c.json({ message: `Review completed: ${verdict.outcome}.`, data });
  });
  return app;
}
