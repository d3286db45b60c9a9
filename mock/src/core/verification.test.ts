import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { type CustomerRecord, type MockState, OUTBOX_MAX } from '../store/state.js';
import { coreFixture, T0 } from '../test-kit.js';
import {
  CHILD_TRANSITIONS,
  CUSTOMER_TRANSITIONS,
  customerLock,
  isChildLocked,
  moveChildStatus,
  moveStatus,
  reopenIfRejected,
} from './verification.js';

function seededState(): { state: MockState; individual: CustomerRecord; business: CustomerRecord } {
  const { state } = coreFixture();
  const individual = state.customers.get(DEMO_IDS.individual);
  const business = state.customers.get(DEMO_IDS.business);
  if (!individual || !business) throw new Error('demo seed without its customers');
  return { state, individual, business };
}

describe('moveStatus: the one writer of verification_status', () => {
  it('moves a customer and queues one event with from, to, comment and time', () => {
    const { state, business } = seededState();
    moveStatus(state, business, 'PROCESSING', { at: T0 });
    moveStatus(state, business, 'REJECTED', { at: T0 + 1000, comment: 'blurred' });
    expect(business.view.verification_status).toBe('REJECTED');
    expect(state.outbox).toEqual([
      { seq: 1, customer_id: business.view.id, from: 'PENDING', to: 'PROCESSING', comment: null, at: T0 },
      {
        seq: 2,
        customer_id: business.view.id,
        from: 'PROCESSING',
        to: 'REJECTED',
        comment: 'blurred',
        at: T0 + 1000,
      },
    ]);
  });

  it.each(
    (['individual', 'business'] as const).flatMap((type) =>
      Object.entries(CUSTOMER_TRANSITIONS[type]).flatMap(([from, allowed]) =>
        (['PENDING', 'PROCESSING', 'VERIFIED', 'REJECTED'] as const)
          .filter((to) => !allowed.includes(to))
          .map((to) => [type, from, to] as const),
      ),
    ),
  )('refuses a %s %s → %s, changing nothing', (type, from, to) => {
    const { state, individual, business } = seededState();
    const record = type === 'individual' ? individual : business;
    record.view.verification_status = from as CustomerRecord['view']['verification_status'];
    expect(() => moveStatus(state, record, to, { at: T0 })).toThrow(/cannot move/);
    expect(record.view.verification_status).toBe(from);
    expect(state.outbox).toEqual([]);
  });

  it('places a seeded customer in its starting status without an event', () => {
    const { state, individual } = seededState();
    moveStatus(state, individual, 'VERIFIED', { at: 0, seed: true });
    expect(individual.view.verification_status).toBe('VERIFIED');
    expect(state.outbox).toEqual([]);
  });

  it('keeps at most OUTBOX_MAX undelivered events, dropping the oldest', () => {
    const { state, business } = seededState();
    for (let i = 0; i < OUTBOX_MAX + 3; i++) {
      moveStatus(state, business, i % 2 === 0 ? 'PROCESSING' : 'REJECTED', { at: T0 + i });
    }
    expect(state.outbox).toHaveLength(OUTBOX_MAX);
    expect(state.outbox[0]?.seq).toBe(4);
    expect(state.outbox.at(-1)?.seq).toBe(OUTBOX_MAX + 3);
  });
});

describe('moveChildStatus and the child locks', () => {
  it('sets admin comments with a rejection and clears them otherwise', () => {
    const child = { status: 'PROCESSING', admin_comments: null as string[] | null };
    moveChildStatus(child, 'REJECTED', 'expired passport');
    expect(child).toEqual({ status: 'REJECTED', admin_comments: ['expired passport'] });
    reopenIfRejected(child);
    expect(child).toEqual({ status: 'PENDING', admin_comments: null });
    reopenIfRejected(child);
    expect(child.status).toBe('PENDING');
  });

  it.each(Object.entries(CHILD_TRANSITIONS))('%s allows exactly its listed moves', (from, allowed) => {
    for (const to of ['PENDING', 'PROCESSING', 'APPROVED', 'REJECTED'] as const) {
      const child = { status: from };
      if (allowed.includes(to)) {
        moveChildStatus(child, to);
        expect(child.status).toBe(to);
      } else {
        expect(() => moveChildStatus(child, to)).toThrow(/cannot move/);
        expect(child.status).toBe(from);
      }
    }
  });

  it('locks approved and under-review children only', () => {
    expect(
      ['PENDING', 'PROCESSING', 'APPROVED', 'REJECTED'].map((status) => isChildLocked({ status })),
    ).toEqual([false, true, true, false]);
  });
});

describe('customerLock', () => {
  it('is under review while PROCESSING or while a review is due, final once VERIFIED, else open', () => {
    const { business } = seededState();
    expect(customerLock(business)).toBeUndefined();
    business.reviewDueAt = T0 + 60_000;
    expect(customerLock(business)).toBe('under_review');
    delete business.reviewDueAt;
    business.view.verification_status = 'PROCESSING';
    expect(customerLock(business)).toBe('under_review');
    business.view.verification_status = 'VERIFIED';
    expect(customerLock(business)).toBe('verified');
    business.view.verification_status = 'REJECTED';
    expect(customerLock(business)).toBeUndefined();
  });
});
