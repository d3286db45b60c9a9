/** Target selection from the environment: the mock by default, any URL, the live API, and clear refusals. */
import { describe, expect, it } from 'vitest';
import { chooseTarget, LIVE_SKIPPED } from '../lib/target-env.js';

const LIVE = {
  BLAAIZ_BASE_URL: 'https://api-dev.blaaiz.com/',
  BLAAIZ_CLIENT_ID: 'id',
  BLAAIZ_CLIENT_SECRET: 'secret',
};

describe('chooseTarget', () => {
  it('defaults to the mock with the demo client, and says in one line how to reach the live API', () => {
    const choice = chooseTarget({});
    expect(choice).toMatchObject({
      kind: 'mock',
      label: 'mock',
      clientId: 'mock-client',
      clientSecret: 'mock-secret',
    });
    expect(choice.notes).toEqual([LIVE_SKIPPED]);
    for (const name of Object.keys(LIVE)) expect(LIVE_SKIPPED).toContain(name);
  });

  it('judges any URL with CONTRACT_BASE_URL, its own client and CA file', () => {
    const choice = chooseTarget({
      CONTRACT_BASE_URL: 'http://mock:4010/',
      CONTRACT_CLIENT_ID: 'ci',
      CONTRACT_CLIENT_SECRET: 'ci-secret',
      CONTRACT_CA_FILE: '/ca.pem',
    });
    expect(choice).toMatchObject({
      kind: 'url',
      baseUrl: 'http://mock:4010',
      clientId: 'ci',
      caFile: '/ca.pem',
    });
  });

  it('judges the live API when all three BLAAIZ_* variables are set, with no note', () => {
    const choice = chooseTarget(LIVE);
    expect(choice).toMatchObject({
      kind: 'live',
      label: 'live',
      baseUrl: 'https://api-dev.blaaiz.com',
      clientId: 'id',
    });
    expect(choice.notes).toEqual([]);
  });

  it('names the missing variable when the live API is half configured', () => {
    expect(() => chooseTarget({ ...LIVE, BLAAIZ_CLIENT_SECRET: '' })).toThrow(/BLAAIZ_CLIENT_SECRET not/);
  });

  it('refuses two targets at once', () => {
    expect(() => chooseTarget({ ...LIVE, CONTRACT_BASE_URL: 'http://x' })).toThrow(
      /either CONTRACT_BASE_URL/,
    );
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => chooseTarget({ CONTRACT_BASE_URL: 'localhost:4010' })).toThrow(/must be an http\(s\) URL/);
  });

  it('adds -prism to the label with CONTRACT_VIA_PRISM=1', () => {
    expect(chooseTarget({ CONTRACT_VIA_PRISM: '1' })).toMatchObject({ viaPrism: true, label: 'mock-prism' });
    expect(chooseTarget({ ...LIVE, CONTRACT_VIA_PRISM: 'true' })).toMatchObject({ label: 'live-prism' });
  });
});
