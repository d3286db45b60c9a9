import type { components } from '../generated/openapi.js';
import type { CustomerRecord, MockState } from '../store/state.js';

type Schemas = components['schemas'];

/** Exact-match filters of `listCustomers` (changelog 21/05/2026). */
export const LIST_FILTERS = [
  'email',
  'id_number',
  'registration_number',
  'verification_status',
  'type',
] as const;
export type ListFilters = Partial<Record<(typeof LIST_FILTERS)[number], string>>;

/** Page size of the paginated envelope. */
export const PER_PAGE = 15;

/** List items carry the customer without its relations (owners, documents, KYC data), as the docs show. */
function listItem(record: CustomerRecord): Schemas['Customer'] {
  const {
    owners: _owners,
    documents: _documents,
    kyc_data: _kyc,
    recent_comments: _comments,
    ...item
  } = record.view;
  return item;
}

function matches(record: CustomerRecord, filters: ListFilters): boolean {
  const view = record.view as Record<string, unknown>;
  return Object.entries(filters).every(([field, value]) => view[field] === value);
}

/** Customers matching every filter, oldest first (the unpaginated shape keeps the API's order). */
export function filterCustomers(state: MockState, filters: ListFilters): Schemas['Customer'][] {
  const out: Schemas['Customer'][] = [];
  for (const record of state.customers.values()) if (matches(record, filters)) out.push(listItem(record));
  return out;
}

/** One page of the Laravel paginator envelope, newest first; `path` is the absolute list URL. */
export function paginateCustomers(
  state: MockState,
  filters: ListFilters,
  page: number,
  path: string,
): Omit<Schemas['CustomerPage'], 'message'> {
  const all = [...state.customers.values()].filter((r) => matches(r, filters)).sort((a, b) => b.seq - a.seq);
  const lastPage = Math.max(1, Math.ceil(all.length / PER_PAGE));
  const start = (page - 1) * PER_PAGE;
  const data = all.slice(start, start + PER_PAGE).map(listItem);
  const query = new URLSearchParams({ ...filters, paginate: 'true' });
  const pageUrl = (n: number) => `${path}?${query.toString()}&page=${n}`;
  return {
    data,
    links: {
      first: pageUrl(1),
      last: pageUrl(lastPage),
      prev: page > 1 ? pageUrl(page - 1) : null,
      next: page < lastPage ? pageUrl(page + 1) : null,
    },
    meta: {
      current_page: page,
      from: data.length > 0 ? start + 1 : null,
      last_page: lastPage,
      path,
      per_page: PER_PAGE,
      to: data.length > 0 ? start + data.length : null,
      total: all.length,
    },
  } as Omit<Schemas['CustomerPage'], 'message'>;
}
