import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findProjectRoot } from '../spec/load-spec.js';
import { makeTestMock } from '../test-kit.js';

describe('health and discovery', async () => {
  const mock = await makeTestMock();
  const root = findProjectRoot();

  it('GET /__mock/health answers ready with the package version, uptime and public URLs', async () => {
    const res = await mock.call('GET', '/__mock/health');
    expect(res.status).toBe(200);
    const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
    expect(res.json).toMatchObject({ status: 'ready', version, storage_url: 'https://storage.test' });
    expect(res.json.uptime_seconds).toBeGreaterThanOrEqual(0);
  });

  it('GET /__mock/openapi.yaml serves the spec file itself', async () => {
    const res = await mock.call('GET', '/__mock/openapi.yaml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(res.text).toBe(readFileSync(`${root}/openapi.yaml`, 'utf8'));
  });
});
