import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { boundAddress, certificateHosts, parsePublicUrl } from './public-url.js';

describe('public URLs', () => {
  it.each([
    ['http://mock:4010/', 'http://mock:4010'],
    ['https://MOCK.example.com', 'https://mock.example.com'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
  ])('keeps the origin of %s', (given, origin) => {
    expect(parsePublicUrl('--public-url', given)).toBe(origin);
  });

  it.each([
    ['mock:4010', /must use http or https/],
    ['not a url', /must be an absolute http\(s\) URL/],
    ['http://mock:4010/api', /origin without path/],
    ['http://u:p@mock:4010', /origin without path, query or credentials/],
  ])('refuses %s, naming where it came from', (given, message) => {
    expect(() => parsePublicUrl('BLAAIZ_MOCK_PUBLIC_URL', given)).toThrow(/^BLAAIZ_MOCK_PUBLIC_URL /);
    expect(() => parsePublicUrl('BLAAIZ_MOCK_PUBLIC_URL', given)).toThrow(message);
  });

  it('names the listening host, the public hosts and, on every interface, this machine', () => {
    expect(certificateHosts('127.0.0.1', [undefined])).toEqual(['127.0.0.1']);
    expect(certificateHosts('0.0.0.0', ['https://mock:4443', 'http://[fd00::1]:4010'])).toEqual([
      hostname(),
      'mock',
      'fd00::1',
    ]);
  });

  it('prints bound addresses as host:port, IPv6 in brackets', () => {
    expect(boundAddress({ address: '::', family: 'IPv6', port: 4010 })).toBe('[::]:4010');
    expect(boundAddress({ address: '0.0.0.0', family: 'IPv4', port: 1 })).toBe('0.0.0.0:1');
  });
});
