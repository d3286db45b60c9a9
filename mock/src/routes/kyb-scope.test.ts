import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { CUSTOMERS_PATH as base, makeTestMock, SOLE_OWNER as owner } from '../test-kit.js';

describe('kyb_scope MINIMAL and the upgrade to FULL', async () => {
  const mock = await makeTestMock({ config: { minimalKybAllowed: true } });
  const token = await mock.token();

  it('submits a MINIMAL business with a formation document and no owners, then upgrades it', async () => {
    const biz = await mock.createBusiness(token, { kyb_scope: 'MINIMAL' });
    const fileId = await mock.uploadKyb(token, `${base}/${biz.id}/document/presigned-url`, undefined);
    await mock.call('POST', `${base}/${biz.id}/document`, {
      token,
      body: { type: 'ARTICLES_OF_INCORPORATION', name: 'a.pdf', file_id: fileId },
    });
    expect((await mock.call('POST', `${base}/${biz.id}/submit`, { token })).status).toBe(200);
    const upgrade = (body: unknown) =>
      mock.call('POST', `${base}/${biz.id}/upgrade-kyb-scope`, { token, body });
    expect((await upgrade({ owners: [owner] })).json.message).toBe(
      'Customer is under review and cannot be upgraded right now.',
    );
    await mock.call('POST', `/__mock/customers/${biz.id}/review`, { body: { outcome: 'VERIFIED' } });
    const cases: Array<[unknown, string]> = [
      [
        { owners: [{ ...owner, ownership_percentage: 90 }] },
        'owners.ownership_percentage must sum to 100; got 90.',
      ],
      [
        {
          owners: [
            { ...owner, ownership_percentage: 50, email: 'a@x.co' },
            { ...owner, ownership_percentage: 50, email: 'A@x.co' },
          ],
        },
        'Owner emails must be unique within the customer.',
      ],
      [{ owners: [owner], country: 'NG' }, 'country must equal incorporation_country.'],
    ];
    for (const [body, message] of cases) {
      const res = await upgrade(body);
      expect(res.status).toBe(422);
      expect(res.json.message).toBe(message);
    }
    const ok = await upgrade({ owners: [owner] });
    expect(ok.status).toBe(200);
    expect(ok.json.data).toMatchObject({ kyb_scope: 'FULL', verification_status: 'PENDING' });
    expect((await upgrade({ owners: [owner] })).json.message).toBe('Customer is already at kyb_scope=FULL.');
    const individual = await mock.call('POST', `${base}/${DEMO_IDS.individual}/upgrade-kyb-scope`, {
      token,
      body: { owners: [owner] },
    });
    expect(individual.json.message).toBe('Only business customers can be upgraded.');
  });

  it('needs id_file before an individual can be submitted', async () => {
    const id = await mock.createIndividual(token);
    const res = await mock.call('POST', `${base}/${id}/submit`, { token });
    expect(res.status).toBe(422);
    expect(res.json.message).toBe('Cannot verify individual customer: id_file is required.');
  });
});
