import type { components } from '../generated/openapi.js';
import { prohibitedFieldsByType } from '../spec/customer-type-fields.js';
import { type CustomerRecord, type MockState, registrationKeyOf } from '../store/state.js';
import { badRequest, unprocessable } from './business.js';
import { formatTimestamp } from './clock.js';
import type { CoreContext } from './context.js';
import { isCountryCode } from './countries.js';
import { customerSizeFailure, SERVER_OWNED_FIELDS } from './customer-bounds.js';
import { KYC_FIELDS } from './customer-fields.js';
import {
  COUNTRY_FIELDS,
  indexRegistration,
  isRegistrationHeldByOther,
  OPERATING_COUNTRY_REQUIRED,
  OPERATING_FIELDS,
} from './customer-rules.js';
import { findCustomer } from './customers.js';
import { applyOwnerInputs } from './owners.js';
import { fail, ok, type Result } from './result.js';
import { customerLock } from './verification.js';

type Schemas = components['schemas'];
type Customer = Schemas['Customer'];

/** Documented messages of `updateCustomer`. */
export const UPDATE_MESSAGES = {
  verifiedLocked: 'Verified customers can only update fields that are currently null',
  underReview: 'Customer is under review and cannot be updated right now.',
  countryMismatch:
    "For business customers, country must equal incorporation_country (a company's registered office sits in its country of incorporation).",
  duplicateIdentity:
    'Another business customer in this platform already has this registration_number + incorporation_country combination.',
} as const;

const kycFields = new Set<string>(KYC_FIELDS);

function currentValue(view: Customer, field: string): unknown {
  if (kycFields.has(field))
    return (view.kyc_data as Record<string, unknown> | null | undefined)?.[field] ?? null;
  return (view as Record<string, unknown>)[field] ?? null;
}

/**
 * The first field sent with a value that openapi.yaml refuses for the stored customer's type; server-owned
 * fields are not among them, since an update drops those silently whatever they hold.
 */
function prohibitedField(view: Customer, body: Record<string, unknown>): string | undefined {
  const fields = prohibitedFieldsByType().get(view.type) ?? [];
  return fields.find(
    (field) => !SERVER_OWNED_FIELDS.has(field) && body[field] !== undefined && body[field] !== null,
  );
}

function checkBusinessIdentity(state: MockState, record: CustomerRecord, body: Record<string, unknown>) {
  const view = record.view as Record<string, unknown>;
  const country = (body.country ?? view.country) as string | null;
  const incorporation = (body.incorporation_country ?? view.incorporation_country) as string | null;
  if (country !== incorporation) return unprocessable('country', UPDATE_MESSAGES.countryMismatch);
  const number = (body.registration_number ?? view.registration_number) as string | null;
  if (number && isRegistrationHeldByOther(state, number, incorporation, record.view.id)) {
    return unprocessable('registration_number', UPDATE_MESSAGES.duplicateIdentity);
  }
  return undefined;
}

/**
 * Updates a customer's profile (operationId `updateCustomer`): explicit null clears a nullable field,
 * a VERIFIED customer may only fill fields still null, owners are created and edited through `owners[]`.
 */
export function updateCustomer(
  state: MockState,
  customerId: string,
  request: Schemas['UpdateCustomerRequest'],
  ctx: CoreContext,
): Result<Customer> {
  const found = findCustomer(state, customerId);
  if (!found.ok) return found;
  const record = found.value;
  const view = record.view;
  const body = request as Record<string, unknown>;
  const lock = customerLock(record);
  if (lock === 'under_review') return badRequest(UPDATE_MESSAGES.underReview);
  const tooLarge = customerSizeFailure(body, view);
  if (tooLarge) return fail(tooLarge);
  const prohibited = prohibitedField(view, body);
  if (prohibited) {
    const message = `The ${prohibited.replace(/_/g, ' ')} field is prohibited when type is ${view.type}.`;
    return fail(unprocessable(prohibited, message));
  }
  for (const field of COUNTRY_FIELDS) {
    const value = body[field];
    if (typeof value === 'string' && !isCountryCode(value)) {
      return fail(
        unprocessable(
          field,
          `The ${field.replace(/_/g, ' ')} field must be a valid ISO 3166-1 alpha-2 country code.`,
        ),
      );
    }
  }
  const operatingCountry = body.operating_country ?? currentValue(view, 'operating_country');
  if (OPERATING_FIELDS.some((field) => body[field] != null) && operatingCountry == null) {
    return fail(unprocessable('operating_country', OPERATING_COUNTRY_REQUIRED));
  }
  const fields = Object.keys(body).filter(
    (field) => !SERVER_OWNED_FIELDS.has(field) && Object.hasOwn(body, field) && body[field] !== undefined,
  );
  if (lock === 'verified') {
    const overwrites = fields.some(
      (f) => currentValue(view, f) !== null && currentValue(view, f) !== body[f],
    );
    if (overwrites) return badRequest(UPDATE_MESSAGES.verifiedLocked);
  }
  if (view.type === 'business') {
    const identity = checkBusinessIdentity(state, record, body);
    if (identity) return fail(identity);
  }
  if (Array.isArray(body.owners)) {
    const owners = applyOwnerInputs(record, body.owners as Schemas['OwnerUpdateInput'][], ctx);
    if (!owners.ok) return owners;
  }
  applyFields(state, record, body, fields);
  view.updated_at = formatTimestamp(ctx.now);
  return ok(view);
}

function applyFields(
  state: MockState,
  record: CustomerRecord,
  body: Record<string, unknown>,
  fields: string[],
): void {
  const view = record.view as Record<string, unknown>;
  const previousKey = registrationKeyOf(record.view);
  const kyc = (view.kyc_data ?? {}) as Record<string, unknown>;
  for (const field of fields) {
    if (kycFields.has(field)) kyc[field] = body[field];
    else view[field] = body[field];
  }
  view.kyc_data = kyc;
  indexRegistration(state, record.view, previousKey);
}
