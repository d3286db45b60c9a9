import { issueToken } from '../core/oauth.js';
import type { MockDeps } from '../deps.js';
import type { MockState } from '../store/state.js';
import { customerView } from './inspector-view.js';

/** The scopes the direct-upload page's token holds: presign, attach, read the customer back. */
export const UPLOAD_SCOPES = ['file:upload', 'customer:write', 'customer:read'];

/**
 * What the direct-upload page is served with, read in one transaction: the individual customers and a
 * token minted for the page from the first client holding the upload scopes (the page never sees a secret).
 */
export function uploadPageData(deps: MockDeps, state: MockState, now: number) {
  const client = [...state.clients.values()].find((k) =>
    UPLOAD_SCOPES.every((scope) => (k.scopes as string[]).includes(scope)),
  );
  const issued = client
    ? issueToken(
        state,
        {
          grant_type: 'client_credentials',
          scope: UPLOAD_SCOPES.join(' '),
          client_id: client.clientId,
          client_secret: client.clientSecret,
        },
        { now, newId: deps.newId, secret: deps.config.signingSecret },
      )
    : undefined;
  const customers = [...state.customers.values()]
    .filter((record) => record.view.type === 'individual')
    .map((record) => ({
      id: record.view.id,
      name: customerView(state, record).name,
      status: record.view.verification_status,
    }));
  return { customers, clientId: client?.clientId, token: issued?.ok ? issued.value.access_token : undefined };
}
