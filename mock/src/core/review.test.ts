import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import type { MockState } from '../store/state.js';
import { coreFixture as setup, T0 } from '../test-kit.js';
import { completeReview, forceReview, settleDueReviews, startReview } from './review.js';
import { defaultVerdict } from './review-verdicts.js';

function customer(state: MockState, id: string) {
  const record = state.customers.get(id);
  if (!record) throw new Error(`no customer ${id}`);
  return record;
}

describe('review lifecycle', () => {
  it('keeps an individual PENDING while its review runs, and completes it once the virtual clock reaches it', () => {
    const { state, ctx } = setup();
    const record = customer(state, DEMO_IDS.individual);
    startReview(state, record, ctx);
    expect(record.reviewDueAt).toBe(T0 + 60_000);
    expect(settleDueReviews(state, T0 + 59_999)).toBe(0);
    expect(record.view.verification_status).toBe('PENDING');
    expect(settleDueReviews(state, T0 + 60_000)).toBe(1);
    expect(record.view.verification_status).toBe('VERIFIED');
    expect(record.reviewDueAt).toBeUndefined();
    expect(state.reviewing.size).toBe(0);
    expect(state.outbox.map((e) => [e.from, e.to, e.at])).toEqual([['PENDING', 'VERIFIED', T0 + 60_000]]);
  });

  it('moves a business to PROCESSING when its review starts', () => {
    const { state, ctx } = setup();
    const record = customer(state, DEMO_IDS.business);
    startReview(state, record, ctx);
    expect(record.view.verification_status).toBe('PROCESSING');
    expect(state.outbox.map((e) => [e.from, e.to, e.at])).toEqual([['PENDING', 'PROCESSING', T0]]);
  });

  it('rejects an e-mail with +reject by default, with a comment the customer shows', () => {
    const { state } = setup();
    const record = customer(state, DEMO_IDS.individual);
    expect(defaultVerdict(state, record)).toEqual({ outcome: 'VERIFIED' });
    record.view.email = 'ada+reject@example.com';
    const verdict = defaultVerdict(state, record);
    expect(verdict.outcome).toBe('REJECTED');
    completeReview(state, record, verdict, T0);
    expect(record.view.recent_comments?.[0]).toEqual({
      comment: 'Rejected by the mock review: the e-mail address contains +reject.',
      created_at: '2026-11-27T09:00:00.000000Z',
    });
    expect(state.outbox.at(-1)).toMatchObject({ to: 'REJECTED', comment: verdict.comment });
  });

  it('approves every owner and document of a verified business, and rejects those under review otherwise', () => {
    const { state, ctx } = setup();
    const record = customer(state, DEMO_IDS.business);
    const owner = record.view.owners?.[0];
    if (!owner) throw new Error('demo business without an owner');
    owner.status = 'PROCESSING';
    startReview(state, record, ctx);
    completeReview(state, record, { outcome: 'REJECTED', comment: 'blurry ID' }, T0);
    expect(owner).toMatchObject({ status: 'REJECTED', admin_comments: ['blurry ID'] });
    completeReview(state, record, { outcome: 'VERIFIED' }, T0);
    expect(owner).toMatchObject({ status: 'APPROVED', admin_comments: null });
  });

  it('forces outcomes, refusing unknown customers, strangers as children, and a verified customer', () => {
    const { state } = setup();
    expect(forceReview(state, 'nobody', { outcome: 'VERIFIED' }, T0)).toEqual({
      ok: false,
      error: { kind: 'not_found', message: 'Customer not found' },
    });
    const stray = forceReview(
      state,
      DEMO_IDS.business,
      { outcome: 'REJECTED', owners: { x: 'REJECTED' } },
      T0,
    );
    expect(stray).toMatchObject({
      ok: false,
      error: { kind: 'validation', errors: { owners: [expect.any(String)] } },
    });
    expect(forceReview(state, DEMO_IDS.business, { outcome: 'VERIFIED' }, T0).ok).toBe(true);
    expect(forceReview(state, DEMO_IDS.business, { outcome: 'REJECTED' }, T0)).toEqual({
      ok: false,
      error: { kind: 'bad_request', message: 'Customer is already verified; VERIFIED is final.' },
    });
  });
});
