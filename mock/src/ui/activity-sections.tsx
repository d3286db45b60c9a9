import type { FC } from 'hono/jsx';
import type { describeWebhookEvent } from '../http/describe-webhooks.js';
import type { FaultRule } from '../http/fault-rules.js';
import type { JournalEntry } from '../http/journal.js';
import { Status } from './layout.js';

/** One webhook event as the delivery log shows it. */
export type WebhookEventView = ReturnType<typeof describeWebhookEvent>;

/** Every webhook event with its delivery attempts, newest first, each with a replay button. */
export const WebhookSection: FC<{ events: WebhookEventView[] }> = ({ events }) => (
  <section id="webhooks">
    <h2>Webhook events</h2>
    {events.length === 0 ? (
      <p class="muted">No status event yet.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>Event</th>
            <th>Customer</th>
            <th>Change</th>
            <th>State</th>
            <th>Attempts</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr>
              <td class="mono">{event.event_id}</td>
              <td class="mono">{event.customer_id}</td>
              <td>
                <Status value={event.old_status} /> → <Status value={event.new_status} />
                {event.payload.comment ? <div class="muted">{event.payload.comment}</div> : null}
              </td>
              <td>
                {event.state}
                {event.next_attempt_at ? <div class="muted">next {event.next_attempt_at}</div> : null}
              </td>
              <td>
                {event.deliveries.length === 0
                  ? 'none'
                  : event.deliveries.map((d) => (
                      <div>
                        #{d.attempt} {d.at} {d.status ?? d.error ?? ''}
                        {d.latency_ms === null ? '' : ` (${d.latency_ms} ms)`}
                      </div>
                    ))}
              </td>
              <td>
                <form
                  method="post"
                  action={`/__mock/ui/webhooks/${encodeURIComponent(event.event_id)}/replay`}
                >
                  <button type="submit">Replay</button>
                </form>
              </td>
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
