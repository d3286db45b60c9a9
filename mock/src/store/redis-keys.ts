/** Where a shared store lives: the Redis URL to connect to and the prefix of every key it uses. */
export interface RedisTarget {
  /** The URL handed to the client (without the `prefix` parameter). */
  url: string;
  /** Key prefix, so several independent sandboxes can share one Redis (`?prefix=NAME`). */
  prefix: string;
  /** The URL for messages: no password. */
  display: string;
}

/** Prefix of every key unless the URL's `prefix` parameter names another. */
export const DEFAULT_REDIS_PREFIX = 'blaaiz-mock';

/**
 * Reads `redis://[user:password@]HOST[:PORT][/DB][?prefix=NAME]` (or `rediss://` for TLS); throws one
 * line naming `source` when it is anything else.
 */
export function parseRedisUrl(source: string, value: string): RedisTarget {
  const bad = (why: string) => new Error(`${source} ${why}, got "${value}"`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('must be a URL like redis://127.0.0.1:6379/0');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw bad('must start with redis:// or rediss://');
  if (!url.hostname) throw bad('must name a host');
  if (!/^(\/\d{0,2})?$/.test(url.pathname)) throw bad('may only name a database number as its path');
  const unknown = [...url.searchParams.keys()].find((key) => key !== 'prefix');
  if (unknown !== undefined) throw bad(`has an unknown parameter "${unknown}" (only prefix is read)`);
  const prefix = url.searchParams.get('prefix') ?? DEFAULT_REDIS_PREFIX;
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(prefix))
    throw bad('has a prefix that is not 1–100 letters, digits or _ . : -');
  url.search = '';
  const display = new URL(url.href);
  display.password = '';
  display.username = '';
  return {
    url: url.href,
    prefix,
    display: `${display.href}${prefix === DEFAULT_REDIS_PREFIX ? '' : `?prefix=${prefix}`}`,
  };
}

/** The keys of one sandbox: state hashes, version, change log, shared secrets and uploaded objects. */
export function redisKeys(prefix: string) {
  const key = (name: string) => `${prefix}:${name}`;
  return {
    /** In the order the scripts take them (KEYS[1..8]). */
    state: [
      key('version'),
      key('customers'),
      key('files'),
      key('pending'),
      key('rest'),
      key('log'),
      key('format'),
      key('changed'),
    ],
    signingSecret: key('signing-secret'),
    adminToken: key('admin-token'),
    objectPattern: key('object:*'),
    object: (fileId: string) => key(`object:${fileId}`),
    part: (id: string) => key(`part:${id}`),
    channel: key('changed'),
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** `value` when it is a store URL `parseRedisUrl` reads; otherwise its one-line error. */
export function checkStoreUrl(source: string, value: unknown): string {
  parseRedisUrl(source, String(value));
  return String(value);
}
