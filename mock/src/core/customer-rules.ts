import type { components } from '../generated/openapi.js';
import { type MockState, registrationKey, registrationKeyOf } from '../store/state.js';
import { isCountryCode } from './countries.js';
import { addFieldError, attributeName, type FieldErrors } from './result.js';

type CreateCustomerRequest = components['schemas']['CreateCustomerRequest'];

/** Fields holding ISO 3166-1 alpha-2 codes. */
export const COUNTRY_FIELDS = ['country', 'incorporation_country', 'operating_country'] as const;
/** The operating address, which needs `operating_country` beside it. */
export const OPERATING_FIELDS = [
  'operating_street',
  'operating_city',
  'operating_state',
  'operating_zip_code',
] as const;

/** Message when an operating address comes without its country. */
export const OPERATING_COUNTRY_REQUIRED =
  'The operating country field is required when an operating address is given.';

/** A field counts as sent unless absent, null, empty or an empty list (Laravel's `prohibited` rule). */
function present(input: Record<string, unknown>, field: string): boolean {
  const value = input[field];
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== '';
}

/**
 * Rules of `createCustomer` beyond openapi.yaml, which states the fields each type requires and refuses
 * (checked by the request validator first): ISO countries, the operating country, and what needs stored
 * data or platform options. Returns Laravel-style errors.
 */
export function checkNewCustomer(
  request: CreateCustomerRequest,
  state: MockState,
  options: { minimalKybAllowed: boolean },
): FieldErrors {
  const input = request as Record<string, unknown>;
  const errors: FieldErrors = {};
  for (const field of COUNTRY_FIELDS) {
    const value = input[field];
    if (typeof value === 'string' && value !== '' && !isCountryCode(value)) {
      addFieldError(
        errors,
        field,
        `The ${attributeName(field)} field must be a valid ISO 3166-1 alpha-2 country code.`,
      );
    }
  }
  if (OPERATING_FIELDS.some((field) => present(input, field)) && !present(input, 'operating_country')) {
    addFieldError(errors, 'operating_country', OPERATING_COUNTRY_REQUIRED);
  }
  if (request.type === 'business') checkBusiness(request, state, options, errors);
  return errors;
}

function checkBusiness(
  request: CreateCustomerRequest,
  state: MockState,
  options: { minimalKybAllowed: boolean },
  errors: FieldErrors,
): void {
  if (request.country && request.incorporation_country && request.country !== request.incorporation_country) {
    addFieldError(errors, 'country', 'The country field must match incorporation country.');
  }
  if (request.kyb_scope === 'MINIMAL' && !options.minimalKybAllowed) {
    addFieldError(
      errors,
      'kyb_scope',
      'The selected kyb scope is invalid: this platform is not enabled for MINIMAL KYB.',
    );
  }
  if (
    request.registration_number &&
    isRegistrationTaken(state, request.registration_number, request.incorporation_country)
  ) {
    addFieldError(errors, 'registration_number', 'The registration number has already been taken.');
  }
}

/** True when another customer of the platform holds this (registration_number, incorporation_country) pair. */
export function isRegistrationTaken(
  state: MockState,
  number: string,
  country: string | null | undefined,
): boolean {
  return state.registrations.has(registrationKey(number, country));
}

/** True when a customer other than `customerId` holds this pair (updates may keep their own). */
export function isRegistrationHeldByOther(
  state: MockState,
  number: string,
  country: string | null | undefined,
  customerId: string,
): boolean {
  const holder = state.registrations.get(registrationKey(number, country));
  return holder !== undefined && holder !== customerId;
}

/** Keeps the uniqueness index in step with a customer whose pair was `previousKey` before a change. */
export function indexRegistration(
  state: MockState,
  view: { id: string; registration_number?: string | null; incorporation_country?: string | null },
  previousKey?: string,
): void {
  if (previousKey !== undefined && state.registrations.get(previousKey) === view.id) {
    state.registrations.delete(previousKey);
  }
  const key = registrationKeyOf(view);
  if (key !== undefined) state.registrations.set(key, view.id);
}
