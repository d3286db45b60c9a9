import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/demo-data.js';
import { objectUrl } from '../../src/http/object-urls.js';
import { PRESIGN_PARAMS } from '../../src/signing/presigned-url.js';
import { makeTestMock, PNG_BYTES } from '../../src/test-kit.js';
import { expectS3Refusal, stateSnapshot } from './abuse-kit.js';
import { oddString } from './schema-mutations.js';

type Tamper = (url: URL) => void;

/** Ways to alter one query parameter of a presigned URL. */
const PARAM_EDITS: Record<string, (params: URLSearchParams, name: string) => void> = {
  removed: (p, name) => p.delete(name),
  emptied: (p, name) => p.set(name, ''),
  'one character appended': (p, name) => p.set(name, `${p.get(name)}0`),
  'one character dropped': (p, name) => p.set(name, (p.get(name) ?? '').slice(0, -1)),
  'upper-cased': (p, name) =>
    p.set(
      name,
      (p.get(name) ?? '').toUpperCase() === p.get(name)
        ? `${p.get(name)}x`
        : (p.get(name) ?? '').toUpperCase(),
    ),
  'repeated with another value': (p, name) => p.append(name, 'other'),
};

describe('tampered presigned URLs are refused with an S3 error, and the URL stays usable', () => {
  let mock: Awaited<ReturnType<typeof makeTestMock>>;
  let token: string;
  const send = async (path: string, init: RequestInit) => mock.api.request(path, init);

  beforeAll(async () => {
    mock = await makeTestMock();
    token = await mock.token();
  });

  async function presign(): Promise<{ url: string; fileId: string }> {
    const res = await mock.call('POST', '/api/external/file/get-presigned-url', {
      token,
      body: { customer_id: DEMO_IDS.individual, file_category: 'identity' },
    });
    return { url: res.json.url as string, fileId: res.json.file_id as string };
  }

  /** Refused without a trace, then the genuine URL still uploads. */
  async function expectTamperRefused(tamper: Tamper, method = 'PUT', issued?: { url: string }) {
    const { url } = issued ?? (await presign());
    const before = await stateSnapshot(send);
    const altered = new URL(url);
    tamper(altered);
    const res = await mock.storage.request(altered.toString(), {
      method,
      ...(method === 'PUT' || method === 'POST' ? { body: PNG_BYTES } : {}),
    });
    if (method === 'HEAD') expect(res.status).toBeGreaterThanOrEqual(400);
    else await expectS3Refusal(res);
    expect(await stateSnapshot(send)).toEqual(before);
    expect((await mock.storage.request(url, { method: 'PUT', body: PNG_BYTES })).status).toBe(200);
  }

  const cases = PRESIGN_PARAMS.flatMap((name) =>
    Object.entries(PARAM_EDITS).map(([edit, apply]): [string, Tamper] => [
      `${name} ${edit}`,
      (u) => apply(u.searchParams, name),
    ]),
  );
  it.each(cases)('%s', async (_label, tamper) => {
    await expectTamperRefused(tamper);
  });

  it.each<[string, Tamper]>([
    ['a parameter added', (u) => u.searchParams.set('X-Amz-Security-Token', 'x')],
    [
      'another object key',
      (u) => {
        u.pathname = u.pathname.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
      },
    ],
    [
      'a trailing slash',
      (u) => {
        u.pathname = `${u.pathname}/`;
      },
    ],
    [
      'another bucket',
      (u) => {
        u.pathname = u.pathname.replace('/blaaiz-uploads/', '/other-bucket/');
      },
    ],
    [
      'the key upper-cased',
      (u) => {
        u.pathname = u.pathname.toUpperCase();
      },
    ],
    [
      'a doubled slash',
      (u) => {
        u.pathname = u.pathname.replace('/blaaiz-uploads/', '/blaaiz-uploads//');
      },
    ],
  ])('path changed: %s', async (_label, tamper) => {
    await expectTamperRefused(tamper);
  });

  it.each(['GET', 'POST', 'DELETE', 'PATCH', 'HEAD'])('method changed to %s', async (method) => {
    await expectTamperRefused(() => undefined, method);
  });

  it('a URL the mock signed for GET of the same key does not allow a PUT', async () => {
    const issued = await presign();
    const getUrl = new URL(objectUrl(mock.deps, issued.fileId, 'GET', mock.deps.clock.now()));
    await expectTamperRefused(
      (u) => {
        u.search = getUrl.search;
      },
      'PUT',
      issued,
    );
    const url = issued.url;
    expect(new URL(url).searchParams.get('X-Amz-Signature')).not.toBe(
      getUrl.searchParams.get('X-Amz-Signature'),
    );
  });

  it('any parameter set to odd Unicode or junk', async () => {
    const edit = fc.tuple(fc.constantFrom(...PRESIGN_PARAMS), oddString);
    await fc.assert(
      fc.asyncProperty(edit, async ([name, value]) => {
        const { url } = await presign();
        fc.pre(new URL(url).searchParams.get(name) !== value);
        await expectTamperRefused((u) => u.searchParams.set(name, value));
      }),
      { numRuns: 40 },
    );
  });
});
