import { describe, expect, it } from 'vitest';
import { makeTestMock, PNG_BYTES } from '../test-kit.js';

const base = '/api/external/customer';
const jane = {
  first_name: 'Jane',
  last_name: 'Doe',
  email: 'jane@acme.example.com',
  ownership_percentage: 100,
  id_document_type: 'passport',
};

/** Each documented readiness gap of `/submit`, produced on an otherwise ready business customer. */
describe('/submit readiness checks answer 422 with the documented message', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();

  async function readyBusiness(
    owners: Array<Record<string, unknown>>,
    sides: Array<'front' | 'back'> = ['front'],
  ) {
    const biz = await mock.createBusiness(token, { owners });
    const fileId = await mock.uploadKyb(token, `${base}/${biz.id}/document/presigned-url`, undefined);
    await mock.call('POST', `${base}/${biz.id}/document`, {
      token,
      body: { type: 'INCORPORATION_DOCUMENTS', name: 'inc.pdf', file_id: fileId },
    });
    for (const ownerId of biz.ownerIds) {
      const body: Record<string, string> = {};
      for (const side of sides) {
        const path = `${base}/${biz.id}/owner/${ownerId}/file/presigned-url`;
        body[`id_document_${side}`] = await mock.uploadKyb(
          token,
          path,
          { file_category: `id_document_${side}` },
          PNG_BYTES,
        );
      }
      await mock.call('POST', `${base}/${biz.id}/owner/${ownerId}/files`, { token, body });
    }
    return biz.id;
  }

  const submit = (id: string) => mock.call('POST', `${base}/${id}/submit`, { token });

  it('accepts a ready FULL business', async () => {
    const res = await submit(await readyBusiness([jane]));
    expect(res.status).toBe(200);
    expect(res.json.data.verification_status).toBe('PROCESSING');
  });

  it.each([
    ['no owners', [], undefined, 'at least one owner is required.'],
    [
      'ownership summing to 90',
      [{ ...jane, ownership_percentage: 90 }],
      undefined,
      'ownership_percentage of all owners must sum to 100%, but currently sums to 90%.',
    ],
    [
      'two owners sharing an e-mail (case-insensitive)',
      [
        { ...jane, ownership_percentage: 50 },
        { ...jane, first_name: 'Joan', email: 'JANE@acme.example.com', ownership_percentage: 50 },
      ],
      undefined,
      'owner emails must be unique within the customer.',
    ],
    [
      'a passport with a back side',
      [jane],
      ['front', 'back'],
      'owner Jane Doe id_document_type=passport must not have id_document_back.',
    ],
    [
      'a resident permit without a back side',
      [{ ...jane, id_document_type: 'resident_permit' }],
      ['front'],
      'owner Jane Doe id_document_type=resident_permit requires id_document_back.',
    ],
    ['no ID file at all', [jane], [], 'owner Jane Doe is missing id_document_front.'],
    [
      'an owner under 18',
      [{ ...jane, date_of_birth: '2015-01-01' }],
      undefined,
      'owner Jane Doe date_of_birth must be at least 18 years ago.',
    ],
    [
      'an expired ID',
      [{ ...jane, id_expiry_date: '2020-01-01' }],
      undefined,
      'owner Jane Doe id_expiry_date must be a future date.',
    ],
    [
      'a nationality that is not ISO alpha-2',
      [{ ...jane, nationality: 'XZ' }],
      undefined,
      'owner Jane Doe nationality must be a valid ISO 3166-1 alpha-2 country code.',
    ],
  ] as const)('refuses %s', async (_label, owners, sides, problem) => {
    const id = await readyBusiness([...owners], sides ? [...sides] : undefined);
    const res = await submit(id);
    expect(res.status).toBe(422);
    expect(res.json.message).toBe(`Cannot verify business customer: ${problem}`);
    const after = await mock.call('GET', `${base}/${id}`, { token });
    expect(after.json.data.verification_status).toBe('PENDING');
  });

  it('refuses a business without a formation document', async () => {
    const biz = await mock.createBusiness(token, { owners: [jane] });
    const fileId = await mock.uploadKyb(token, `${base}/${biz.id}/document/presigned-url`, undefined);
    await mock.call('POST', `${base}/${biz.id}/document`, {
      token,
      body: { type: 'BANK_STATEMENT', name: 'b.pdf', file_id: fileId },
    });
    const res = await submit(biz.id);
    expect(res.json.message).toBe(
      'Cannot verify business customer: at least one formation document is required.',
    );
  });

  it('refuses a business whose business_name was cleared', async () => {
    const id = await readyBusiness([jane]);
    await mock.call('PUT', `${base}/${id}`, { token, body: { business_name: null } });
    const res = await submit(id);
    expect(res.json.message).toBe('Cannot verify business customer: business_name is required.');
  });
});
