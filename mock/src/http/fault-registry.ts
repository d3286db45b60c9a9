import { ApiError } from '../errors.js';
import { type FaultRule, parseFaultRule } from './fault-rules.js';

/** Most rules held at once; more answer 422 (clear spent ones with `DELETE /__mock/faults`). */
export const MAX_FAULT_RULES = 1_000;

/** The faults of one instance: per-instance runtime, not part of the persisted state. */
export interface FaultRegistry {
  /** Checks and adds a rule (`POST /__mock/faults`). */
  add(body: unknown, now: number): FaultRule;
  /** Every rule, spent ones included, oldest first, with `active` saying whether it can still fire. */
  list(now: number): (FaultRule & { active: boolean })[];
  remove(id: string): boolean;
  /** Removes every rule and releases stalled uploads; answers how many rules there were. */
  clear(): number;
  /** Whether any rule is held at all: when none is, a request costs no operation lookup. */
  any(): boolean;
  /** Whether any rule names `operationId` at all: the cheap test run on every request. */
  names(operationId: string): boolean;
  /** Whether a rule that could fire for `operationId` needs the request's customer id. */
  needsCustomer(operationId: string, now: number): boolean;
  /** The first rule that fires for this request, its count taken; probability is rolled here. */
  take(operationId: string, customerId: string | undefined, now: number): FaultRule | undefined;
  /** A promise that settles when the stall is released (clear or shutdown); the caller then drops the connection. */
  stall(): Promise<void>;
  /** Releases every stalled upload (before the listeners close, so shutdown never waits on one). */
  releaseStalls(): void;
  /** Waits `ms` of wall time (a latency fault); tests inject a recorder. */
  sleep(ms: number): Promise<void>;
}

/** Options of `createFaultRegistry`; tests fix the dice and the waiting. */
export interface FaultRegistryOptions {
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

function active(rule: FaultRule, now: number): boolean {
  if (rule.times !== undefined && rule.fired >= rule.times) return false;
  return rule.expires_at === undefined || now < Date.parse(rule.expires_at);
}

/** Makes an empty registry; `random` decides probabilistic rules, `sleep` waits out latency. */
export function createFaultRegistry(options: FaultRegistryOptions = {}): FaultRegistry {
  const random = options.random ?? Math.random;
  let rules: FaultRule[] = [];
  let nextId = 1;
  const stalls = new Set<() => void>();
  const releaseStalls = () => {
    for (const release of stalls) release();
    stalls.clear();
  };
  return {
    add(body, now) {
      if (rules.length >= MAX_FAULT_RULES)
        throw new ApiError(422, `At most ${MAX_FAULT_RULES} faults are held: clear some first.`);
      const rule = parseFaultRule(body, `fault_${nextId}`, now);
      nextId++;
      rules.push(rule);
      return { ...rule };
    },
    list: (now) => rules.map((rule) => ({ ...rule, active: active(rule, now) })),
    remove(id) {
      const before = rules.length;
      rules = rules.filter((rule) => rule.id !== id);
      return rules.length < before;
    },
    clear() {
      const count = rules.length;
      rules = [];
      releaseStalls();
      return count;
    },
    any: () => rules.length > 0,
    names: (operationId) => rules.some((rule) => rule.operationId === operationId),
    needsCustomer: (operationId, now) =>
      rules.some(
        (rule) => rule.operationId === operationId && rule.customer_id !== undefined && active(rule, now),
      ),
    take(operationId, customerId, now) {
      for (const rule of rules) {
        if (rule.operationId !== operationId || !active(rule, now)) continue;
        if (rule.customer_id !== undefined && rule.customer_id !== customerId) continue;
        if (rule.probability !== undefined && random() >= rule.probability) continue;
        rule.fired++;
        return rule;
      }
      return undefined;
    },
    stall: () => new Promise<void>((release) => stalls.add(release)),
    releaseStalls,
    sleep: options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))),
  };
}
