import { describe, expect, it } from 'vitest';
import { parseRedisUrl, redisKeys } from './redis-keys.js';

describe('parseRedisUrl', () => {
  it('reads host, port, database and the prefix parameter, which it leaves out of the client URL', () => {
    const target = parseRedisUrl('--store', 'redis://:pw@cache:6380/2?prefix=team-a');
    expect(target).toEqual({
      url: 'redis://:pw@cache:6380/2',
      prefix: 'team-a',
      display: 'redis://cache:6380/2?prefix=team-a',
    });
    expect(parseRedisUrl('--store', 'redis://127.0.0.1:6379/0').prefix).toBe('blaaiz-mock');
    expect(redisKeys('team-a').object('f1')).toBe('team-a:object:f1');
  });

  it('refuses other schemes, paths, parameters and prefixes with one line naming the source', () => {
    expect(() => parseRedisUrl('--store', 'http://x:1')).toThrow(
      '--store must start with redis:// or rediss://',
    );
    expect(() => parseRedisUrl('--store', 'redis://x:1/a/b')).toThrow('may only name a database number');
    expect(() => parseRedisUrl('--store', 'redis://x:1/0?db=1')).toThrow('unknown parameter "db"');
    expect(() => parseRedisUrl('BLAAIZ_MOCK_STORE', 'redis://x/0?prefix=a b')).toThrow(
      /^BLAAIZ_MOCK_STORE has a prefix/,
    );
    expect(() => parseRedisUrl('--store', 'nonsense')).toThrow('must be a URL');
  });
});
