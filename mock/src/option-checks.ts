/**
 * Checks of start-up settings shared by the CLI (flags, variables) and `startMock` (options): each
 * failure is one line naming where the value came from (`--port`, `PORT`, `startMock option port`).
 */

function asNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

/** A TCP port, 0 (any free port) to 65535. */
export function checkPort(source: string, value: unknown): number {
  const n = asNumber(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(
      `${source} must be a port number from 0 to 65535 (0: any free port), got ${shown(value)}`,
    );
  return n;
}

/** A number of seconds ≥ 0. */
export function checkSeconds(source: string, value: unknown): number {
  const n = asNumber(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`${source} must be a number of seconds ≥ 0, got ${shown(value)}`);
  return n;
}

/** The object store's scheme. */
export function checkScheme(source: string, value: unknown): 'https' | 'http' {
  if (value !== 'https' && value !== 'http')
    throw new Error(`${source} must be https or http, got ${shown(value)}`);
  return value;
}

/** An interface to listen on: a host name or an IP address, without scheme or port. */
export function checkHost(source: string, value: unknown): string {
  if (typeof value !== 'string' || !/^(\[?[0-9A-Fa-f:.]+\]?|[A-Za-z0-9.-]+)$/.test(value))
    throw new Error(`${source} must be a host name or IP address such as 0.0.0.0, got ${shown(value)}`);
  return value.replace(/^\[(.*)\]$/, '$1');
}

/** A non-empty string (a secret, a path). */
export function checkText(source: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${source} must be a non-empty string`);
  return value;
}
