/** Types shared by the contract client and the tests: operations, statuses and bodies from the generated types. */
import type { operations } from '../../mock/src/generated/openapi.js';
import type { ObservationSink } from './drift-report.js';
import type { Pacer } from './pacer.js';
import type { CallOptions } from './request-builder.js';
import type { WireResponse } from './transport.js';

/** An operationId of openapi.yaml, as the generated types know them. */
export type OperationId = keyof operations;
type Responses<O extends OperationId> = operations[O]['responses'];
/** The statuses openapi.yaml documents for an operation. */
export type DocumentedStatus<O extends OperationId> = keyof Responses<O> & number;
type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;
/** The body type openapi.yaml gives an operation's status. */
export type ResponseBody<O extends OperationId, S extends DocumentedStatus<O>> = ContentOf<Responses<O>[S]>;

/** A judged response: status, headers, raw text and the parsed JSON body (text for XML, undefined if empty). */
export interface ContractResponse {
  readonly operationId: string;
  readonly status: number;
  readonly headers: WireResponse['headers'];
  readonly text: string;
  readonly body: unknown;
}

/** Where the client sends what, and what it reports to. */
export interface ClientConfig {
  /** Name of the target in messages and reports (`mock`, `url`, `live`, `mock-prism`…). */
  readonly target: string;
  /** Where API requests go: the target, or Prism in front of it. */
  readonly apiUrl: string;
  /** The target itself: object-store PUTs and requests Prism refused go here. */
  readonly directUrl: string;
  readonly viaPrism: boolean;
  /** PEM of a private CA that the target's https certificates chain to. */
  readonly ca?: string | undefined;
  readonly pacer?: Pacer;
  readonly sink?: ObservationSink;
}

/** Thrown when the target, or Prism, disagrees with openapi.yaml. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/** Sends requests by operationId and judges every answer. */
export interface ContractClient {
  readonly config: ClientConfig;
  /** Sends one request and returns the judged response, whatever its (documented) status. */
  send(operationId: OperationId, options?: CallOptions): Promise<ContractResponse>;
  /** Like `send`, then requires `status` and returns the body typed from the generated types. */
  call<O extends OperationId, S extends DocumentedStatus<O>>(
    operationId: O,
    status: S,
    options?: CallOptions,
  ): Promise<ResponseBody<O, S>>;
  /** PUTs bytes to a presigned URL, directly (never through Prism), and judges the answer as `putObject`. */
  putObject(
    url: string,
    bytes: Uint8Array,
    headers?: Readonly<Record<string, string>>,
  ): Promise<ContractResponse>;
}
