import type { Context } from 'hono';
import { Hono } from 'hono';
import { advanceClock } from '../core/clock.js';
import { forceReview } from '../core/review.js';
import { type MockDeps, resetInstance } from '../deps.js';
import { ApiError } from '../errors.js';
import { readRequestBody } from '../http/body.js';
import { describeWebhooks } from '../http/describe-webhooks.js';
import { sameOriginForms } from '../http/same-origin.js';
import { unwrap } from '../http/validated.js';
import { InspectorPage } from '../ui/inspector-page.js';
import { customerView, liveTokens } from '../ui/inspector-view.js';
import { UploadPage } from '../ui/upload-page.js';
import { uploadPageData } from '../ui/upload-view.js';

/** What the inspector needs of the API app it lives in: a way to call its JSON controls. */
export interface InspectorHost {
  fetch(request: Request): Promise<Response>;
}

function back(c: Context, outcome: { notice?: string; error?: string }, path = '/__mock/ui'): Response {
  const query = new URLSearchParams(outcome as Record<string, string>);
  return c.redirect(`${path}?${query}`, 303);
}

async function formField(c: Context, name: string): Promise<string> {
  const form = (await readRequestBody(c)) as Record<string, unknown>;
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Runs an inspector action; an API error becomes the page's error banner instead of a JSON body. */
async function act(c: Context, action: () => Promise<string>): Promise<Response> {
  try {
    return back(c, { notice: await action() });
  } catch (error) {
    if (error instanceof ApiError) return back(c, { error: error.message });
    throw error;
  }
}

/** The inspector page, the browser direct-upload page and their same-origin form actions under `/__mock/ui`. */
export function inspectorRoutes(deps: MockDeps, host: InspectorHost): Hono {
  const app = new Hono();
  app.use('/__mock/ui/*', async (c, next) =>
    c.req.method === 'POST' ? sameOriginForms(deps)(c, next) : next(),
  );

  app.get('/__mock/ui', async (c) => {
    const view = await deps.store.transact((state, now) => ({
      now: new Date(now).toISOString(),
      offsetSeconds: state.clockOffsetMs / 1000,
      customers: [...state.customers.values()].map((record) => customerView(state, record)),
      clients: [...state.clients.values()].map((client) => ({
        client_id: client.clientId,
        scopes: client.scopes,
        description: client.description,
      })),
      events: describeWebhooks(state, 50).data,
    }));
    const journal = deps.journal.list();
    const now = Date.parse(view.now);
    return c.html(
      <InspectorPage
        {...view}
        tokens={liveTokens(journal, now)}
        faults={deps.faults.list(now)}
        journal={journal.slice(-50).reverse()}
        held={journal.length}
        notice={c.req.query('notice')}
        error={c.req.query('error')}
      />,
    );
  });

  app.get('/__mock/ui/upload', async (c) => {
    const page = await deps.store.transact((state, now) => uploadPageData(deps, state, now));
    const error = page.token
      ? undefined
      : 'No client of the seed holds file:upload, customer:write and customer:read.';
    return c.html(<UploadPage {...page} selected={c.req.query('customer')} error={error} />);
  });

  app.post('/__mock/ui/reset', (c) =>
    act(c, async () => {
      await resetInstance(deps);
      return 'Mock state reset to its seed.';
    }),
  );

  app.post('/__mock/ui/clock/advance', (c) =>
    act(c, async () => {
      const seconds = Number(await formField(c, 'seconds'));
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > 10 * 365 * 86400)
        throw new ApiError(422, 'The seconds field must be a number from 0 to 315360000.');
      await deps.store.transact((state) => advanceClock(state, seconds));
      await deps.store.transact(() => undefined); // settles at the new time, as the JSON control does
      return `Clock advanced by ${seconds} seconds.`;
    }),
  );

  app.post('/__mock/ui/customers/:id/review', (c) =>
    act(c, async () => {
      const outcome = await formField(c, 'outcome');
      const comment = await formField(c, 'comment');
      if (outcome !== 'VERIFIED' && outcome !== 'REJECTED')
        throw new ApiError(422, 'The outcome field must be VERIFIED or REJECTED.');
      const verdict = { outcome, ...(comment ? { comment } : {}) } as const;
      await deps.store.transact((state, now) => unwrap(forceReview(state, c.req.param('id'), verdict, now)));
      return `Review of ${c.req.param('id')} completed: ${outcome}.`;
    }),
  );

  app.post('/__mock/ui/webhooks/:id/replay', (c) =>
    act(c, async () => {
      const path = `/__mock/webhooks/${encodeURIComponent(c.req.param('id'))}/replay`;
      // An in-process call of the JSON control: it carries the admin token the page itself was let in with.
      const headers = new Headers({ 'content-type': 'application/json' });
      if (deps.config.adminToken) headers.set('authorization', `Bearer ${deps.config.adminToken}`);
      const answer = await host.fetch(
        new Request(new URL(path, deps.urls.api), { method: 'POST', headers, body: '{}' }),
      );
      const body = (await answer.json().catch(() => ({}))) as { message?: string };
      if (!answer.ok) throw new ApiError(400, body.message ?? `Replay answered ${answer.status}.`);
      return body.message ?? `Webhook ${c.req.param('id')} replayed.`;
    }),
  );
  return app;
}
