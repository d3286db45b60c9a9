import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';

/** Public base URLs (`--public-url`, `--storage-public-url`): what clients on other hosts are told to use. */

/**
 * Parses a public base URL given by `source` (a flag, a variable or a harness option): http(s), an origin
 * with no path, query or credentials, since presigned URLs are signed over the path the mock serves.
 * Returns it without a trailing slash; throws one line naming `source` otherwise.
 */
export function parsePublicUrl(source: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${source} must be an absolute http(s) URL such as http://mock:4010, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${source} must use http or https, got "${value}"`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password)
    throw new Error(`${source} must be an origin without path, query or credentials, got "${value}"`);
  return url.origin;
}

/** The host of a public URL as a certificate name: brackets of an IPv6 literal removed. */
function certificateHost(publicUrl: string): string {
  return new URL(publicUrl).hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Names the object store's certificate covers: the listening host, the public URLs' hosts, and this
 * machine's name when listening on every interface (the wildcard addresses themselves are no names).
 */
export function certificateHosts(host: string, publicUrls: Array<string | undefined>): string[] {
  const names = [host];
  if (host === '0.0.0.0' || host === '::') names.push(hostname());
  for (const url of publicUrls) if (url) names.push(certificateHost(url));
  return names.filter((name) => name !== '0.0.0.0' && name !== '::');
}

/** `host:port` of a bound listener (IPv6 in brackets), as the ready line's `listening` reports it. */
export function boundAddress(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') return String(address);
  return `${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
}
