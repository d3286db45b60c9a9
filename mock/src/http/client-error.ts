import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { s3ErrorXml } from './s3-errors.js';

/** How Node's parser failures are answered: status, message and the S3 code the object store uses. */
interface ParserFailure {
  status: number;
  message: string;
  s3Code: string;
}

const BY_CODE: Record<string, ParserFailure> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    message: 'The request headers are too large.',
    s3Code: 'RequestHeaderSectionTooLarge',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    message: 'The chunk extensions of the request body are too large.',
    s3Code: 'MaxMessageLengthExceeded',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    message: 'The request was not received in time.',
    s3Code: 'RequestTimeout',
  },
};

function failureOf(error: NodeJS.ErrnoException): ParserFailure {
  const known = BY_CODE[error.code ?? ''];
  if (known) return known;
  const reason = (error as { reason?: unknown }).reason;
  const detail = typeof reason === 'string' && reason !== '' ? reason : 'it could not be parsed';
  return { status: 400, message: `Malformed HTTP request: ${detail}.`, s3Code: 'InvalidRequest' };
}

/**
 * A `clientError` listener: requests Node's HTTP parser refuses (bad chunked encoding, header overflow,
 * smuggling attempts, oversized chunk extensions, timeouts) are answered in the listener's own shape,
 * the API's JSON or the object store's S3 XML, and the connection is closed.
 */
export function clientErrorAnswer(shape: 'api' | 'storage') {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    const pending = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
      socket.destroy();
      return;
    }
    const failure = failureOf(error);
    const body =
      shape === 'api'
        ? JSON.stringify({ status: false, message: failure.message })
        : s3ErrorXml(failure.s3Code, failure.message, '/');
    const type = shape === 'api' ? 'application/json' : 'application/xml';
    socket.end(
      `HTTP/1.1 ${failure.status} ${STATUS_CODES[failure.status] ?? 'Bad Request'}\r\n` +
        `Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
}
