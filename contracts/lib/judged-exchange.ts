/** One exchange, judged: paced, retried after a 429, routed through Prism when asked, recorded, validated. */
import { formatValidationErrors, type ValidationIssue } from '../../mock/src/spec/validator.js';
import { isKnownDrift } from '../known-drift.js';
import { type ClientConfig, ContractViolation } from './contract-types.js';
import { NO_PACING } from './pacer.js';
import { formatPrismViolations, readPrismVerdict } from './prism-verdict.js';
import { joinUrl } from './request-builder.js';
import { judgeResponse } from './spec-judge.js';
import { headerOf, sendWire, type WireResponse } from './transport.js';

/** A request as it is sent: absolute URL (of the target, or of Prism), headers, body. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | undefined;
}

/** Sends an exchange for an operation and returns the response once it passed every judge. */
export type JudgedExchange = (
  operationId: string,
  exchange: Exchange,
  route: { viaPrism: boolean; invalid?: string | undefined },
) => Promise<WireResponse>;

const MAX_ATTEMPTS = 4;

function firstLine(issues: readonly ValidationIssue[]): string | undefined {
  const issue = issues[0];
  return issue && `${issue.pointer === '' ? '(root)' : issue.pointer}: ${issue.message}`;
}

/** Builds the judged exchange of a client configuration. */
export function createJudgedExchange(config: ClientConfig): JudgedExchange {
  const pacer = config.pacer ?? NO_PACING;
  const record = config.sink ?? (() => undefined);
  const tag = (operationId: string, exchange: Exchange) =>
    `[${config.target}] ${operationId}: ${exchange.method} ${exchange.url}`;

  const judge = (
    operationId: string,
    exchange: Exchange,
    response: WireResponse,
    prism: number | null,
    prismRejectedRequest = false,
  ) => {
    const all = judgeResponse(operationId, response);
    const issues = all.filter((issue) => !isKnownDrift(operationId, issue));
    const known = all.length - issues.length;
    const sample = firstLine(issues);
    const status = response.status;
    record({
      operationId,
      status,
      issues: issues.length,
      prism,
      ...(known > 0
        ? { known, knownPointers: all.filter((i) => !issues.includes(i)).map((i) => i.pointer) }
        : {}),
      ...(prismRejectedRequest ? { prismRejectedRequest } : {}),
      ...(sample ? { sample } : {}),
    });
    if (issues.length === 0) return;
    throw new ContractViolation(
      `${tag(operationId, exchange)} answered ${response.status}, which breaks openapi.yaml\n` +
        formatValidationErrors(operationId, response.status, issues),
    );
  };

  const wire = async (operationId: string, exchange: Exchange): Promise<WireResponse> => {
    for (let attempt = 1; ; attempt += 1) {
      await pacer.beforeRequest();
      const response = await sendWire({ ...exchange, ca: config.ca });
      if (response.status !== 429 || pacer === NO_PACING || attempt >= MAX_ATTEMPTS) return response;
      judge(operationId, exchange, response, null);
      const { headers } = response;
      await pacer.afterTooManyRequests(
        headerOf(headers, 'x-ratelimit-reset'),
        headerOf(headers, 'retry-after'),
      );
    }
  };

  return async (operationId, exchange, route) => {
    if (!route.viaPrism) {
      const response = await wire(operationId, exchange);
      judge(operationId, exchange, response, null);
      return response;
    }
    const proxied = await wire(operationId, exchange);
    const verdict = readPrismVerdict(proxied.headers, proxied.text);
    if (route.invalid !== undefined) {
      if (verdict.kind !== 'request') {
        throw new ContractViolation(
          `${tag(operationId, exchange)}: Prism did not flag a request the test breaks on purpose ` +
            `(${route.invalid}); it answered ${proxied.status}`,
        );
      }
      const { pathname, search } = new URL(exchange.url);
      const direct = { ...exchange, url: joinUrl(config.directUrl, pathname + search) };
      const response = await wire(operationId, direct);
      judge(operationId, direct, response, null, true);
      return response;
    }
    if (verdict.kind !== 'none') {
      const sample = verdict.violations[0]?.message ?? 'violation';
      record({ operationId, status: proxied.status, issues: 0, prism: verdict.violations.length, sample });
      throw new ContractViolation(
        `${tag(operationId, exchange)} (answered ${proxied.status}): Prism found a ${verdict.kind} ` +
          `violation of openapi.yaml\n${formatPrismViolations(verdict.violations)}`,
      );
    }
    judge(operationId, exchange, proxied, 0);
    return proxied;
  };
}
