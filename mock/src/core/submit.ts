import type { CustomerRecord, MockState } from '../store/state.js';
import { badRequest, type Owner } from './business.js';
import { formatTimestamp } from './clock.js';
import type { CoreContext } from './context.js';
import { isCountryCode } from './countries.js';
import { findCustomer } from './customers.js';
import { hasDuplicateEmails, ownerIdentityProblem, ownershipSum } from './owner-checks.js';
import { fail, ok, type Result } from './result.js';
import { beginVerification } from './review.js';
import { customerLock, moveChildStatus } from './verification.js';

/** KYB document types that satisfy the formation-document requirement of `/submit`. */
export const FORMATION_TYPES = new Set([
  'CERTIFICATE_OF_INCORPORATION',
  'ARTICLES_OF_INCORPORATION',
  'BENEFICIAL_OWNERSHIP_CERTIFICATE',
  'INCORPORATION_DOCUMENTS',
  'CAC_STATUS_REPORT',
]);

/** Owner ID types that need both sides. */
const TWO_SIDED = new Set(['drivers_license', 'id_card', 'resident_permit']);

function ownerFileProblem(record: CustomerRecord, owner: Owner): string | undefined {
  const slots = record.ownerSlots.get(owner.id) ?? {};
  if (!slots.front) return 'is missing id_document_front.';
  const type = owner.id_document_type;
  if (type && TWO_SIDED.has(type) && !slots.back)
    return `id_document_type=${type} requires id_document_back.`;
  if (type === 'passport' && slots.back) return 'id_document_type=passport must not have id_document_back.';
  return undefined;
}

function ownersProblem(record: CustomerRecord, now: number): string | undefined {
  const owners = record.view.owners ?? [];
  if (owners.length === 0) return 'at least one owner is required.';
  const sum = ownershipSum(owners);
  if (sum !== 100)
    return `ownership_percentage of all owners must sum to 100%, but currently sums to ${sum}%.`;
  if (hasDuplicateEmails(owners)) return 'owner emails must be unique within the customer.';
  for (const owner of owners) {
    const problem = ownerFileProblem(record, owner) ?? ownerIdentityProblem(owner, now);
    if (problem) return `owner ${owner.first_name} ${owner.last_name} ${problem}`;
  }
  return undefined;
}

/** The first readiness gap of a business customer, phrased as the docs do, or undefined. */
export function businessReadinessProblem(record: CustomerRecord, now: number): string | undefined {
  const view = record.view;
  if (!view.business_name) return 'business_name is required.';
  if (!view.country || !isCountryCode(view.country))
    return 'country must be a valid ISO 3166-1 alpha-2 country code.';
  if (!view.registration_number) return 'registration_number is required.';
  if (!view.incorporation_country || !isCountryCode(view.incorporation_country)) {
    return 'incorporation_country must be a valid ISO 3166-1 alpha-2 country code.';
  }
  if (view.country !== view.incorporation_country) return 'country must equal incorporation_country.';
  if (!(view.documents ?? []).some((d) => FORMATION_TYPES.has(d.type)))
    return 'at least one formation document is required.';
  return view.kyb_scope === 'MINIMAL' ? undefined : ownersProblem(record, now);
}

/**
 * Runs the readiness checks and locks the customer for review (operationId `submitCustomer`); a business's
 * PENDING owners and documents move to PROCESSING with it.
 */
export function submitCustomer(
  state: MockState,
  customerId: string,
  ctx: CoreContext,
): Result<CustomerRecord> {
  const found = findCustomer(state, customerId);
  if (!found.ok) return found;
  const record = found.value;
  if (customerLock(record)) return badRequest('Customer is already verified or under review.');
  const business = record.view.type === 'business';
  const problem = business
    ? businessReadinessProblem(record, ctx.now)
    : record.slots.id_file
      ? undefined
      : 'id_file is required.';
  if (problem) {
    const message = `Cannot verify ${business ? 'business' : 'individual'} customer: ${problem}`;
    return fail({ kind: 'validation', message, errors: { customer: [message] } });
  }
  if (!(business && ctx.autoVerifyBusiness)) {
    for (const child of [...(record.view.owners ?? []), ...(record.view.documents ?? [])]) {
      if (child.status === 'PENDING') moveChildStatus(child, 'PROCESSING');
    }
  }
  beginVerification(state, record, ctx);
  record.view.updated_at = formatTimestamp(ctx.now);
  return ok(record);
}
