import type { JournalEntry } from '../http/journal.js';
import type { CustomerRecord, MockState, StoredFile } from '../store/state.js';

/** An upload as the inspector shows it. */
export interface FileView {
  file_id: string;
  category: string;
  size: number;
  mime: string;
  uploaded_at: string;
  attached_to: string | null;
}

/** One customer with its slots, owners and documents, as the inspector shows them. */
export interface CustomerView {
  id: string;
  type: string;
  name: string;
  status: string;
  kyb_scope: string | null;
  review_due_at: string | null;
  comments: string[];
  slots: { slot: string; file_id: string; file: FileView | undefined }[];
  unattached: FileView[];
  pending: { file_id: string; category: string; expires_at: string }[];
  owners: { id: string; name: string; status: string; comments: string[]; files: FileView[] }[];
  documents: {
    id: string;
    type: string;
    name: string;
    status: string;
    comments: string[];
    file: FileView | undefined;
  }[];
}

/** A token the journal saw issued and that has not expired on the virtual clock. */
export interface TokenView {
  client_id: string;
  scopes: string[];
  issued_at: string;
  expires_at: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

function fileView(file: StoredFile | undefined): FileView | undefined {
  if (!file) return undefined;
  return {
    file_id: file.fileId,
    category: file.category,
    size: file.size,
    mime: file.detectedMime ?? file.contentType ?? 'unknown',
    uploaded_at: iso(file.uploadedAt),
    attached_to: file.attachedTo ?? null,
  };
}

function nameOf(record: CustomerRecord): string {
  const view = record.view;
  return view.business_name ?? [view.first_name, view.last_name].filter(Boolean).join(' ');
}

/** The inspector's picture of one customer, read inside a transaction. */
export function customerView(state: MockState, record: CustomerRecord): CustomerView {
  const file = (id: string | undefined) => (id === undefined ? undefined : fileView(state.files.get(id)));
  const id = record.view.id;
  const attached = new Set([...Object.values(record.slots), ...record.documentFiles.values()]);
  for (const sides of record.ownerSlots.values()) for (const side of Object.values(sides)) attached.add(side);
  return {
    id,
    type: record.view.type,
    name: nameOf(record),
    status: record.view.verification_status,
    kyb_scope: record.view.kyb_scope ?? null,
    review_due_at: record.reviewDueAt === undefined ? null : iso(record.reviewDueAt),
    comments: (record.view.recent_comments ?? []).flatMap((note) => (note.comment ? [note.comment] : [])),
    slots: Object.entries(record.slots).map(([slot, fileId]) => ({
      slot,
      file_id: fileId,
      file: file(fileId),
    })),
    unattached: [...state.files.values()]
      .filter((f) => f.customerId === id && !attached.has(f.fileId))
      .map((f) => fileView(f) as FileView),
    pending: [...state.pending.values()]
      .filter((p) => p.customerId === id)
      .map((p) => ({ file_id: p.fileId, category: p.category, expires_at: iso(p.expiresAt) })),
    owners: (record.view.owners ?? []).map((owner) => {
      const sides = record.ownerSlots.get(owner.id) ?? {};
      return {
        id: owner.id,
        name: `${owner.first_name} ${owner.last_name}`,
        status: owner.status,
        comments: owner.admin_comments ?? [],
        files: [file(sides.front), file(sides.back)].filter((f): f is FileView => f !== undefined),
      };
    }),
    documents: (record.view.documents ?? []).map((doc) => ({
      id: doc.id,
      type: doc.type,
      name: doc.name ?? '',
      status: doc.status,
      comments: doc.admin_comments ?? [],
      file: file(record.documentFiles.get(doc.id)),
    })),
  };
}

/** Tokens issued (as the journal recorded them) that are still valid at virtual time `now`. */
export function liveTokens(journal: JournalEntry[], now: number): TokenView[] {
  const tokens: TokenView[] = [];
  for (const entry of journal) {
    if (entry.operationId !== 'issueToken' || entry.status !== 200 || !entry.client_id) continue;
    const body = entry.response.body as { expires_in?: unknown } | null;
    const lifetime = typeof body?.expires_in === 'number' ? body.expires_in : 0;
    const expires = Date.parse(entry.at) + lifetime * 1000;
    if (expires <= now) continue;
    const scope = (entry.request.body as { scope?: unknown } | null)?.scope;
    tokens.push({
      client_id: entry.client_id,
      scopes: typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : [],
      issued_at: entry.at,
      expires_at: iso(expires),
    });
  }
  return tokens;
}
