import { describe, expect, it } from 'vitest';
import { PENDING_MAX, PENDING_SLACK } from '../core/uploads.js';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock, PNG_BYTES } from '../test-kit.js';

describe('presigned PUT URLs carry their upload', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();
  const presign = async () => {
    const res = await mock.call('POST', '/api/external/file/get-presigned-url', {
      token,
      body: { customer_id: DEMO_IDS.individual, file_category: 'proof_of_address' },
    });
    return { fileId: res.json.file_id as string, url: res.json.url as string };
  };
  const put = (url: string) => mock.storage.request(url, { method: 'PUT', body: PNG_BYTES });

  it('uploads once through a URL whose pending record was forgotten', async () => {
    const { fileId, url } = await presign();
    await mock.read((state) => state.pending.delete(fileId));
    expect((await put(url)).status).toBe(200);
    expect(await mock.read((state) => state.files.get(fileId)?.customerId)).toBe(DEMO_IDS.individual);
    const again = await put(url);
    expect(again.status).toBe(403);
    expect(await again.text()).toMatch(/already been used/);
  });

  it('refuses a URL whose signed ticket was edited', async () => {
    const { url } = await presign();
    const edited = new URL(url);
    edited.searchParams.set(
      'x-blaaiz-upload',
      Buffer.from(`0\n${DEMO_IDS.business}\nidentity\n`).toString('base64url'),
    );
    const res = await put(edited.toString());
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('treats a URL issued before a reset as unknown, even without its record', async () => {
    const { url } = await presign();
    await mock.read((state) => state.pending.clear());
    expect((await mock.call('POST', '/__mock/reset', { body: {} })).status).toBe(200);
    const res = await put(url);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<Code>NoSuchKey</Code>');
  });

  it(`keeps at most ${PENDING_MAX.toLocaleString('en-US')} pending records, oldest forgotten first`, async () => {
    const first = await presign();
    for (let i = 0; i < PENDING_MAX + PENDING_SLACK; i++) await presign();
    const { size, hasFirst } = await mock.read((state) => ({
      size: state.pending.size,
      hasFirst: state.pending.has(first.fileId),
    }));
    expect(size).toBe(PENDING_MAX);
    expect(size).toBeLessThanOrEqual(PENDING_MAX + PENDING_SLACK);
    expect(hasFirst).toBe(false);
    expect((await put(first.url)).status).toBe(200);
  });
});
