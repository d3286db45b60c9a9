import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';
import type { Seed } from './core/seed.js';

describe('parseCliOptions: platform settings and webhooks', () => {
  it('reads --no-external-kyc, --auto-verify-business, --strict-files and --webhook-chaos', () => {
    const { server } = parseCliOptions(
      [
        '--no-external-kyc',
        '--auto-verify-business',
        '--strict-files',
        '--webhook-chaos',
        'duplicate,out-of-order',
      ],
      {},
    );
    expect(server.config).toMatchObject({
      externalKyc: false,
      autoVerifyBusiness: true,
      strictFiles: true,
      webhookChaos: { duplicate: true, out_of_order: true },
    });
  });

  it('defaults to a platform with external KYC, manual business review and the check in the review', () => {
    const { server, webhook } = parseCliOptions([], {});
    expect(server.config).toMatchObject({ externalKyc: true, autoVerifyBusiness: false, strictFiles: false });
    expect(webhook).toBeUndefined();
  });

  it('--webhook-url registers the URL in the seed with a fresh 40-hex secret; a bad URL or chaos is refused', () => {
    const { server, webhook } = parseCliOptions(['--webhook-url', 'http://127.0.0.1:9999/hooks'], {});
    const seed = server.seed as Seed;
    expect(seed.webhook).toMatchObject({
      collection_url: 'http://127.0.0.1:9999/hooks',
      payout_url: 'http://127.0.0.1:9999/hooks',
    });
    expect(webhook?.signingSecret).toMatch(/^[0-9a-f]{40}$/);
    expect(seed.clients.length).toBeGreaterThan(0);
    expect(() => parseCliOptions(['--webhook-url', 'ftp://x'], {})).toThrow(/http\(s\) URL/);
    expect(() => parseCliOptions(['--webhook-chaos', 'sometimes'], {})).toThrow(/--webhook-chaos/);
  });
});
