/** Which request fields land where in the API's customer and owner views (docs' get-customer example). */

/** Fields the API returns inside `kyc_data` rather than on the customer. */
export const KYC_FIELDS = [
  'dob',
  'street',
  'city',
  'state',
  'zip_code',
  'operating_street',
  'operating_city',
  'operating_state',
  'operating_zip_code',
  'operating_country',
  'id_expiry_date',
  'id_issue_date',
] as const;

/** Business KYB fields returned on the customer itself. */
export const BUSINESS_FIELDS = [
  'trading_name',
  'business_type',
  'registration_number',
  'incorporation_country',
  'incorporation_date',
  'industry_type',
  'business_description',
  'website',
  'source_of_funds',
  'estimated_annual_revenue',
  'expected_monthly_payments',
  'account_purpose',
] as const;

/** Optional owner fields copied from the request (null when absent). */
export const OWNER_FIELDS = [
  'email',
  'phone',
  'date_of_birth',
  'nationality',
  'title',
  'street',
  'city',
  'state',
  'zip_code',
  'country',
  'id_document_type',
  'id_document_number',
  'id_document_country',
  'id_expiry_date',
  'tin',
] as const;
