import type { components } from '../generated/openapi.js';
import type { CustomerRecord, MockState } from '../store/state.js';
import { formatTimestamp } from './clock.js';
import type { CoreContext } from './context.js';
import { customerSizeFailure } from './customer-bounds.js';
import { BUSINESS_FIELDS, KYC_FIELDS, OWNER_FIELDS } from './customer-fields.js';
import { checkNewCustomer, indexRegistration } from './customer-rules.js';
import { fail, ok, type Result, validationFailure } from './result.js';

type Schemas = components['schemas'];
type Customer = Schemas['Customer'];
type Owner = Schemas['Owner'];

/** Options of the platform the mock plays. */
export interface PlatformOptions {
  minimalKybAllowed: boolean;
}

function pick(input: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, input[field] ?? null]));
}

/** The API's view of a new beneficial owner: decimals as strings, flags false unless set. */
export function buildOwner(input: Schemas['OwnerInput'], ctx: CoreContext): Owner {
  const percentage = input.ownership_percentage;
  return {
    id: ctx.newId(),
    first_name: input.first_name,
    last_name: input.last_name,
    ...(pick(input as Record<string, unknown>, OWNER_FIELDS) as Partial<Owner>),
    ownership_percentage: typeof percentage === 'number' ? percentage.toFixed(2) : null,
    has_control: input.has_control ?? false,
    is_signer: input.is_signer ?? false,
    is_beneficial_owner: input.is_beneficial_owner ?? false,
    is_pep: input.is_pep ?? false,
    usa_tax_residency: input.usa_tax_residency ?? false,
    id_document_path: null,
    id_document_back_path: null,
    status: 'PENDING',
    admin_comments: null,
  };
}

/** Builds the API's view of a new customer from a validated request (operationId `createCustomer`). */
function buildCustomer(request: Schemas['CreateCustomerRequest'], ctx: CoreContext): Customer {
  const input = request as Record<string, unknown>;
  const business = request.type === 'business';
  const stamp = formatTimestamp(ctx.now);
  const view: Record<string, unknown> = {
    id: ctx.newId(),
    business_id: ctx.platformBusinessId,
    type: request.type,
    first_name: request.first_name ?? null,
    last_name: request.last_name ?? null,
    business_name: request.business_name ?? null,
    email: request.email,
    phone: request.phone ?? null,
    country: request.country,
    id_type: request.id_type ?? null,
    id_number: request.id_number ?? null,
    tin: request.tin ?? null,
    verification_status: 'PENDING',
    kyb_scope: business ? (request.kyb_scope ?? 'FULL') : null,
    enhanced_due_diligence: false,
    kyc_data: { id: ctx.newId(), ...pick(input, KYC_FIELDS) },
  };
  if (business) {
    Object.assign(view, pick(input, BUSINESS_FIELDS));
    view.owners = (request.owners ?? []).map((owner) => buildOwner(owner, ctx));
    view.documents = [];
  } else {
    view.registration_number = null;
    view.incorporation_country = null;
  }
  view.created_at = stamp;
  view.updated_at = stamp;
  return view as Customer;
}

/** Creates a customer after the type-specific rules (operationId `createCustomer`). */
export function createCustomer(
  state: MockState,
  request: Schemas['CreateCustomerRequest'],
  ctx: CoreContext,
  platform: PlatformOptions,
): Result<Customer> {
  const failure =
    customerSizeFailure(request) ?? validationFailure(checkNewCustomer(request, state, platform));
  if (failure) return fail(failure);
  return ok(insertCustomer(state, buildCustomer(request, ctx)).view);
}

/** Stores a customer view (also used by the seed loader). */
export function insertCustomer(state: MockState, view: Customer): CustomerRecord {
  const record: CustomerRecord = {
    view,
    slots: {},
    ownerSlots: new Map(),
    documentFiles: new Map(),
    seq: state.nextSeq++,
  };
  state.customers.set(view.id, record);
  indexRegistration(state, view);
  return record;
}

/** Finds a customer or answers the API's 404 (operationId `getCustomer` and every `{id}` route). */
export function findCustomer(state: MockState, id: string): Result<CustomerRecord> {
  const record = state.customers.get(id);
  return record ? ok(record) : fail({ kind: 'not_found', message: 'Customer not found' });
}
