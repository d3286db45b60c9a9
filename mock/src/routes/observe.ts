import { Hono } from 'hono';
import type { MockDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { readRequestBody } from '../http/body.js';
import { parseJournalFilter } from '../http/journal-filter.js';

/** Mock-only journal and fault controls (README "Request journal", "Faults"): `/__mock/requests`, `/__mock/faults`. */
export function observeRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.get('/__mock/requests', (c) => {
    const data = deps.journal.list(parseJournalFilter(c.req.query()));
    return c.json({ data, held: deps.journal.size(), capacity: deps.journal.capacity });
  });

  app.delete('/__mock/requests', (c) => {
    const removed = deps.journal.size();
    deps.journal.clear();
    return c.json({ message: 'Request journal cleared.', removed });
  });

  app.post('/__mock/faults', async (c) => {
    const rule = deps.faults.add(await readRequestBody(c), deps.clock.now());
    return c.json(rule, 201);
  });

  app.get('/__mock/faults', (c) => c.json({ data: deps.faults.list(deps.clock.now()) }));

  app.delete('/__mock/faults', (c) => c.json({ message: 'Faults cleared.', removed: deps.faults.clear() }));

  app.delete('/__mock/faults/:id', (c) => {
    if (!deps.faults.remove(c.req.param('id')))
      throw new ApiError(404, `No fault has the id ${c.req.param('id')}.`);
    return c.json({ message: 'Fault removed.' });
  });
  return app;
}
