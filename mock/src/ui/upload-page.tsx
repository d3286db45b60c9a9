import type { FC } from 'hono/jsx';
import { Page } from './layout.js';
import { UPLOAD_SCRIPT } from './upload-script.js';

/** What the direct-upload page needs: the individual customers, and a token minted for the page. */
export interface UploadPageProps {
  customers: { id: string; name: string; status: string }[];
  selected: string | undefined;
  token: string | undefined;
  clientId: string | undefined;
  error?: string | undefined;
}

const CATEGORIES = ['identity', 'identity_back', 'proof_of_address', 'liveness_check'];

/** The browser direct-upload page (`GET /__mock/ui/upload`): presign, PUT from the browser, attach. */
export const UploadPage: FC<UploadPageProps> = ({ customers, selected, token, clientId, error }) => (
  <Page title="Direct upload" error={error}>
    <h2>Direct upload from the browser</h2>
    <p>
      The way a web front-end uses presigned URLs: this page asks the API for a presigned URL, PUTs the file
      straight to the object store (a cross-origin request: CORS, <code>ETag</code> exposed) and attaches the{' '}
      <code>file_id</code> to the customer. It calls the API with a token minted for{' '}
      <code>{clientId ?? 'no client'}</code> when the page was served.
    </p>
    <noscript>
      <p class="error">A direct upload runs in the browser: this page needs JavaScript.</p>
    </noscript>
    <form id="upload-form" data-token={token ?? ''}>
      <p>
        <label>
          Customer{' '}
          <select name="customer">
            {customers.map((customer) => (
              <option value={customer.id} selected={customer.id === selected}>
                {customer.name} ({customer.status}) {customer.id}
              </option>
            ))}
          </select>
        </label>
      </p>
      <p>
        <label>
          Category{' '}
          <select name="category">
            {CATEGORIES.map((category) => (
              <option value={category}>{category}</option>
            ))}
          </select>
        </label>
      </p>
      <p>
        <label>
          File <input type="file" name="file" accept="application/pdf,image/jpeg,image/png" />
        </label>
      </p>
      <button type="submit" disabled={token === undefined}>
        Upload and attach
      </button>
    </form>
    <ol id="upload-log" aria-live="polite" />
    <script dangerouslySetInnerHTML={{ __html: UPLOAD_SCRIPT }} />
  </Page>
);
