import type { FC } from 'hono/jsx';
import type { TokenView } from './inspector-view.js';

/** Virtual time with the clock and reset controls. */
export const ClockSection: FC<{ now: string; offsetSeconds: number }> = ({ now, offsetSeconds }) => (
  <section id="clock">
    <h2>Virtual time</h2>
    <p>
      <time id="virtual-now" datetime={now}>
        {now}
      </time>{' '}
      <span class="muted">({offsetSeconds} s ahead of real time)</span>
    </p>
    <form class="inline" method="post" action="/__mock/ui/clock/advance">
      <label>
        Advance by <input name="seconds" type="number" min="0" step="1" value="60" size={6} /> seconds
      </label>
      <button type="submit">Advance clock</button>
    </form>{' '}
    <form class="inline" method="post" action="/__mock/ui/reset">
      <button type="submit">Reset to seed</button>
    </form>
  </section>
);

/** OAuth clients of the seed and the tokens the journal saw issued that are still live. */
export const ClientsSection: FC<{
  clients: { client_id: string; scopes: string[]; description: string }[];
  tokens: TokenView[];
}> = ({ clients, tokens }) => (
  <section id="clients">
    <h2>OAuth clients</h2>
    <table>
      <thead>
        <tr>
          <th>Client id</th>
          <th>Scopes</th>
          <th>Description</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((client) => (
          <tr>
            <td class="mono">{client.client_id}</td>
            <td>{client.scopes.length} scopes</td>
            <td>{client.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <h3>Live tokens</h3>
    {tokens.length === 0 ? (
      <p class="muted">No live token in the journal.</p>
    ) : (
      <table id="tokens">
        <thead>
          <tr>
            <th>Client</th>
            <th>Scopes</th>
            <th>Issued</th>
            <th>Expires</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr>
              <td class="mono">{token.client_id}</td>
              <td>{token.scopes.join(' ') || '(none)'}</td>
              <td>{token.issued_at}</td>
              <td>{token.expires_at}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);
