import type { FC } from 'hono/jsx';
import type { CustomerView, FileView } from './inspector-view.js';
import { bytes, Status } from './layout.js';

const FileCells: FC<{ file: FileView | undefined; fileId?: string }> = ({ file, fileId }) =>
  file ? (
    <>
      <td class="mono">{file.file_id}</td>
      <td>{bytes(file.size)}</td>
      <td>{file.mime}</td>
      <td>{file.uploaded_at}</td>
      <td>{file.attached_to ? `attached (${file.attached_to})` : 'uploaded, not attached'}</td>
    </>
  ) : (
    <>
      <td class="mono">{fileId ?? ''}</td>
      <td colspan={4} class="muted">
        not uploaded
      </td>
    </>
  );

const FileTable: FC<{ rows: { label: string; file: FileView | undefined; fileId?: string }[] }> = ({
  rows,
}) => (
  <table>
    <thead>
      <tr>
        <th>Slot</th>
        <th>File id</th>
        <th>Size</th>
        <th>MIME</th>
        <th>Uploaded</th>
        <th>State</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((row) => (
        <tr>
          <td>{row.label}</td>
          <FileCells file={row.file} {...(row.fileId === undefined ? {} : { fileId: row.fileId })} />
        </tr>
      ))}
    </tbody>
  </table>
);

/** The force-review form of one customer: outcome and comment, posted to the inspector's own control. */
const ReviewForm: FC<{ customer: CustomerView }> = ({ customer }) => (
  <form class="inline" method="post" action={`/__mock/ui/customers/${customer.id}/review`}>
    <label>
      Force review{' '}
      <select name="outcome" aria-label={`outcome for ${customer.id}`}>
        <option value="VERIFIED">VERIFIED</option>
        <option value="REJECTED">REJECTED</option>
      </select>
    </label>
    <input name="comment" placeholder="comment (optional)" aria-label={`comment for ${customer.id}`} />
    <button type="submit">Apply</button>
  </form>
);

/** One customer: identity, status, slots with their files, owners and documents with statuses and comments. */
export const CustomerCard: FC<{ customer: CustomerView }> = ({ customer }) => {
  const slotRows = customer.slots.map((s) => ({ label: s.slot, file: s.file, fileId: s.file_id }));
  const loose = customer.unattached.map((f) => ({ label: `(${f.category})`, file: f }));
  return (
    <section class="customer" id={`customer-${customer.id}`} data-customer-id={customer.id}>
      <h3>
        {customer.name || '(no name)'} <span class="muted">{customer.type}</span>{' '}
        <Status value={customer.status} />
      </h3>
      <p class="mono">
        {customer.id}
        {customer.kyb_scope ? ` · kyb_scope ${customer.kyb_scope}` : ''}
        {customer.review_due_at ? ` · review due ${customer.review_due_at}` : ''}
      </p>
      {customer.comments.length > 0 ? <p>Comments: {customer.comments.join(' · ')}</p> : null}
      {slotRows.length + loose.length > 0 ? (
        <FileTable rows={[...slotRows, ...loose]} />
      ) : (
        <p class="muted">No files.</p>
      )}
      {customer.pending.length > 0 ? (
        <p class="muted">
          Presigned, awaiting upload:{' '}
          {customer.pending.map((p) => `${p.file_id} (${p.category}, until ${p.expires_at})`).join(', ')}
        </p>
      ) : null}
      {customer.owners.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Owner</th>
              <th>Status</th>
              <th>Comments</th>
              <th>ID files</th>
            </tr>
          </thead>
          <tbody>
            {customer.owners.map((owner) => (
              <tr data-owner-id={owner.id}>
                <td>
                  {owner.name} <span class="mono muted">{owner.id}</span>
                </td>
                <td>
                  <Status value={owner.status} />
                </td>
                <td>{owner.comments.join(' · ')}</td>
                <td>
                  {owner.files.map((f) => `${f.category}: ${bytes(f.size)} ${f.mime}`).join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {customer.documents.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Document</th>
              <th>Status</th>
              <th>Comments</th>
              <th>File</th>
            </tr>
          </thead>
          <tbody>
            {customer.documents.map((doc) => (
              <tr data-document-id={doc.id}>
                <td>
                  {doc.type}: {doc.name}
                </td>
                <td>
                  <Status value={doc.status} />
                </td>
                <td>{doc.comments.join(' · ')}</td>
                <td>{doc.file ? `${bytes(doc.file.size)} ${doc.file.mime}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ReviewForm customer={customer} />
    </section>
  );
};
