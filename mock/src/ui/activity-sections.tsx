import type { FC } from 'hono/jsx';
import type { FaultRule } from '../http/fault-rules.js';
import type { JournalEntry } from '../http/journal.js';
import type { StatusEvent } from '../store/state.js';
import { Status } from './layout.js';

/** Status changes queued for webhook delivery; a replay button when the mock has a replay control. */
export const WebhookSection: FC<{ events: StatusEvent[]; replayable: boolean }> = ({
  events,
  replayable,
}) => (
  <section id="webhooks">
    <h2>Webhook events</h2>
    {replayable ? null : (
      <p class="muted">
        This build queues status events but has no webhook delivery, so there is nothing to replay.
      </p>
    )}
    {events.length === 0 ? (
      <p class="muted">No status event yet.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Customer</th>
            <th>Change</th>
            <th>Comment</th>
            <th>At</th>
            {replayable ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr>
              <td>{event.seq}</td>
              <td class="mono">{event.customer_id}</td>
              <td>
                <Status value={event.from} /> → <Status value={event.to} />
              </td>
              <td>{event.comment ?? ''}</td>
              <td>{new Date(event.at).toISOString()}</td>
              {replayable ? (
                <td>
                  <form method="post" action={`/__mock/ui/webhooks/${event.seq}/replay`}>
                    <button type="submit">Replay</button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);

/** Fault rules, with how often each fired. */
export const FaultSection: FC<{ faults: (FaultRule & { active: boolean })[] }> = ({ faults }) => (
  <section id="faults">
    <h2>Faults</h2>
    {faults.length === 0 ? (
      <p class="muted">
        No fault. Add one with <code>POST /__mock/faults</code>.
      </p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>Id</th>
            <th>Operation</th>
            <th>Rule</th>
            <th>Fired</th>
            <th>Active</th>
          </tr>
        </thead>
        <tbody>
          {faults.map(({ id, operationId, fired, active, ...rule }) => (
            <tr>
              <td class="mono">{id}</td>
              <td>{operationId}</td>
              <td class="mono">{JSON.stringify(rule)}</td>
              <td>{fired}</td>
              <td>{active ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);

/** The newest journal entries, a fault marked where one fired. */
export const JournalSection: FC<{ entries: JournalEntry[]; held: number }> = ({ entries, held }) => (
  <section id="journal">
    <h2>
      Requests{' '}
      <span class="muted">
        (newest {entries.length} of {held} held)
      </span>
    </h2>
    <table>
      <thead>
        <tr>
          <th>At</th>
          <th>Request</th>
          <th>Operation</th>
          <th>Client</th>
          <th>Status</th>
          <th>ms</th>
          <th>Fault</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr data-seq={entry.seq}>
            <td>{entry.at}</td>
            <td class="mono">
              {entry.method} {entry.path}
            </td>
            <td>{entry.operationId ?? ''}</td>
            <td class="mono">{entry.client_id ?? ''}</td>
            <td>{entry.status === 0 ? 'no answer' : entry.status}</td>
            <td>{entry.latency_ms}</td>
            <td class="fault">{entry.fault ? `${entry.fault.id}: ${entry.fault.action}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);
