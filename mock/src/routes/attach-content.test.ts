import { afterEach, describe, expect, it } from 'vitest';
import { makeTestMock } from '../test-kit.js';

const files = (id: string) => `/api/external/customer/${id}/files`;
const TEXT = new TextEncoder().encode('just some text, declared as a PDF');

describe('a file that is not a PDF/JPEG/PNG: refused by the review, or at attach with --strict-files', async () => {
  const mock = await makeTestMock({ config: { reviewDelaySeconds: 60 } });
  const strict = await makeTestMock({ config: { strictFiles: true } });
  const token = await mock.token();
  const strictToken = await strict.token();
  afterEach(() => mock.resetClock());

  it('attaches a text file (200), and the review rejects the customer naming the slot', async () => {
    const id = await mock.createIndividual(token);
    const back = await mock.upload(token, id, 'identity_back', TEXT);
    const front = await mock.upload(token, id, 'identity');
    const res = await mock.call('POST', files(id), {
      token,
      body: { id_file: front.fileId, id_file_back: back.fileId },
    });
    expect(res.status).toBe(200);
    await mock.advance(60);
    const { data } = (await mock.call('GET', `/api/external/customer/${id}`, { token })).json;
    expect(data.verification_status).toBe('REJECTED');
    expect(data.recent_comments[0].comment).toBe(
      'Document could not be read: id_file_back is not a PDF, JPEG or PNG file.',
    );
  });

  it('keeps the 422 at attach with strictFiles', async () => {
    const id = await strict.createIndividual(strictToken);
    const back = await strict.upload(strictToken, id, 'identity_back', TEXT);
    const res = await strict.call('POST', files(id), {
      token: strictToken,
      body: { id_file_back: back.fileId },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.id_file_back[0]).toMatch(/must be a PDF, JPEG or PNG/);
  });
});
