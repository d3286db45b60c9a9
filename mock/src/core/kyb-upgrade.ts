import type { components } from '../generated/openapi.js';
import { type MockState, registrationKeyOf } from '../store/state.js';
import { badRequest, findBusiness, unprocessable } from './business.js';
import { formatTimestamp } from './clock.js';
import type { CoreContext } from './context.js';
import { indexRegistration, isRegistrationHeldByOther } from './customer-rules.js';
import { UPDATE_MESSAGES } from './customer-update.js';
import { buildOwner, findCustomer } from './customers.js';
import { hasDuplicateEmails, ownerIdentityProblem, ownershipSum } from './owner-checks.js';
import { MAX_OWNERS } from './owners.js';
import { fail, ok, type Result } from './result.js';
import { customerLock, moveStatus } from './verification.js';

type Schemas = components['schemas'];

/** Documented messages of `upgradeKybScope`. */
export const UPGRADE_MESSAGES = {
  underReview: 'Customer is under review and cannot be upgraded right now.',
  wrongType: 'Only business customers can be upgraded.',
  alreadyFull: 'Customer is already at kyb_scope=FULL.',
  countryMismatch: 'country must equal incorporation_country.',
  missingOwners: 'owners is required and must contain at least one entry.',
  duplicateEmails: 'Owner emails must be unique within the customer.',
  success: 'Customer KYB scope upgraded to FULL. Upload owner ID files and call /submit to re-verify.',
} as const;

/**
 * Promotes a MINIMAL business to FULL with its owners (operationId `upgradeKybScope`); a VERIFIED
 * customer goes back to PENDING to be re-verified under the FULL rules.
 */
export function upgradeKybScope(
  state: MockState,
  customerId: string,
  body: Schemas['UpgradeKybScopeRequest'],
  ctx: CoreContext,
): Result<Schemas['Customer']> {
  const customer = findCustomer(state, customerId);
  if (!customer.ok) return customer;
  if (customer.value.view.type !== 'business') return fail(unprocessable('type', UPGRADE_MESSAGES.wrongType));
  const found = findBusiness(state, customerId);
  if (!found.ok) return found;
  const record = found.value;
  const view = record.view;
  if (customerLock(record) === 'under_review') return badRequest(UPGRADE_MESSAGES.underReview);
  if (view.kyb_scope === 'FULL') return fail(unprocessable('kyb_scope', UPGRADE_MESSAGES.alreadyFull));
  const country = body.country ?? view.country;
  const incorporation = body.incorporation_country ?? view.incorporation_country;
  if (country !== incorporation) return fail(unprocessable('country', UPGRADE_MESSAGES.countryMismatch));
  const number = body.registration_number ?? view.registration_number ?? '';
  if (isRegistrationHeldByOther(state, number, incorporation, view.id)) {
    return fail(unprocessable('registration_number', UPDATE_MESSAGES.duplicateIdentity));
  }
  const owners = body.owners ?? [];
  if (owners.length === 0) return fail(unprocessable('owners', UPGRADE_MESSAGES.missingOwners));
  const sum = ownershipSum(owners);
  if (sum !== 100) {
    return fail(unprocessable('owners', `owners.ownership_percentage must sum to 100; got ${sum}.`));
  }
  if (hasDuplicateEmails(owners)) return fail(unprocessable('owners', UPGRADE_MESSAGES.duplicateEmails));
  if ((view.owners ?? []).length + owners.length > MAX_OWNERS) {
    return fail(unprocessable('owners', `The owners field must not have more than ${MAX_OWNERS} items.`));
  }
  for (const [index, owner] of owners.entries()) {
    const problem = ownerIdentityProblem(owner, ctx.now);
    if (problem) return fail(unprocessable(`owners.${index}`, `owners.${index}: ${problem}`));
  }
  const previousKey = registrationKeyOf(view);
  Object.assign(view, {
    country,
    incorporation_country: incorporation,
    registration_number: number,
    kyb_scope: 'FULL',
  });
  indexRegistration(state, view, previousKey);
  view.owners = [...(view.owners ?? []), ...owners.map((owner) => buildOwner(owner, ctx))];
  if (view.verification_status === 'VERIFIED') moveStatus(state, record, 'PENDING', { at: ctx.now });
  view.updated_at = formatTimestamp(ctx.now);
  return ok(view);
}
