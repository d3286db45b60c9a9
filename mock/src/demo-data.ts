import type { Seed } from './core/seed.js';

/** Ids of the demo customers, printed in the start-up banner and the README. */
export const DEMO_IDS = {
  individual: '6f1d8c2a-4b1e-4c3a-9a61-0d5b8e7f0a01',
  business: '6f1d8c2a-4b1e-4c3a-9a61-0d5b8e7f0b02',
} as const;

/** The demo platform the mock starts with unless `--seed FILE` replaces it. */
export const DEMO_SEED: Seed = {
  clients: [
    { client_id: 'mock-client', client_secret: 'mock-secret', scopes: '*', description: 'holds every scope' },
    {
      client_id: 'mock-no-upload',
      client_secret: 'mock-no-upload-secret',
      scopes: ['currency:read', 'customer:read', 'customer:write', 'webhook:read', 'webhook:write'],
      description: 'customer scopes, no file:upload',
    },
    {
      client_id: 'mock-readonly',
      client_secret: 'mock-readonly-secret',
      scopes: ['customer:read', 'currency:read', 'wallet:read', 'transaction:read', 'webhook:read'],
      description: 'read-only scopes',
    },
  ],
  legacy_keys: ['mock-legacy-key'],
  customers: [
    {
      id: DEMO_IDS.individual,
      type: 'individual',
      first_name: 'Ada',
      last_name: 'Okafor',
      email: 'ada.okafor@example.com',
      phone: '+2348012345678',
      country: 'NG',
      id_type: 'passport',
      id_number: 'A12345678',
      dob: '1990-01-15',
      street: '12 Marina Road',
      city: 'Lagos',
      state: 'Lagos',
      zip_code: '100001',
    },
    {
      id: DEMO_IDS.business,
      type: 'business',
      business_name: 'Acme Logistics Ltd',
      email: 'kyb@acme-logistics.example.com',
      country: 'NG',
      registration_number: 'RC123456',
      incorporation_country: 'NG',
      business_type: 'llc',
      owners: [
        {
          first_name: 'Jane',
          last_name: 'Doe',
          email: 'jane.doe@acme-logistics.example.com',
          date_of_birth: '1985-06-01',
          nationality: 'NG',
          ownership_percentage: 100,
          is_beneficial_owner: true,
          is_signer: true,
          has_control: true,
          id_document_type: 'passport',
        },
      ],
    },
  ],
};
