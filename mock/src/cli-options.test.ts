import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliOptions, readSeedFile } from './cli-options.js';

describe('parseCliOptions', () => {
  it.each([
    [['--port', 'abc'], {}, /^--port must be a port number from 0 to 65535/],
    [[], { PORT: 'abc' }, /^PORT must be a port number .*got "abc"$/],
    [[], { STORAGE_PORT: '70000' }, /^STORAGE_PORT must be a port number/],
    [['--port', '-1'], {}, /^--port must be a port number .*got "-1"$/],
    [['--review-delay', '-5'], {}, /^--review-delay must be a number of seconds ≥ 0, got "-5"$/],
    [['--storage-scheme', 'ftp'], {}, /^--storage-scheme must be https or http, got "ftp"$/],
    [['--host', 'http://0.0.0.0'], {}, /^--host must be a host name or IP address/],
    [[], { BLAAIZ_MOCK_HOST: 'a b' }, /^BLAAIZ_MOCK_HOST must be a host name/],
    [['--public-url', 'mock:4010'], {}, /^--public-url must use http or https/],
    [
      [],
      { BLAAIZ_MOCK_STORAGE_PUBLIC_URL: 'https://mock/up' },
      /^BLAAIZ_MOCK_STORAGE_PUBLIC_URL must be an origin/,
    ],
    [['--bogus'], {}, /^Unknown option '--bogus'/],
    [['--port'], {}, /^Option '--port <value>' argument missing$/],
  ])('%j with %j: one line naming the flag or variable', (argv, env, message) => {
    let error: Error | undefined;
    try {
      parseCliOptions(argv, env);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  });

  it('prefers a flag over its variable, and reads negative-looking values only through their check', () => {
    const { server } = parseCliOptions(['--port', '0'], { PORT: 'abc', STORAGE_PORT: '5000' });
    expect(server).toMatchObject({ port: 0, storagePort: 5000 });
  });

  it('ignores the generic HOST variable and reads BLAAIZ_MOCK_HOST', () => {
    expect(parseCliOptions([], { HOST: 'build-runner-7' }).server.host).toBe('127.0.0.1');
    expect(parseCliOptions([], { BLAAIZ_MOCK_HOST: '0.0.0.0' }).server.host).toBe('0.0.0.0');
  });

  it('takes public URLs from flags or variables, without a trailing slash', () => {
    const { server } = parseCliOptions(['--public-url', 'http://mock:4010/'], {
      BLAAIZ_MOCK_STORAGE_PUBLIC_URL: 'https://mock:4443',
    });
    expect(server).toMatchObject({ publicUrl: 'http://mock:4010', storagePublicUrl: 'https://mock:4443' });
  });

  it('reads --version and --help', () => {
    expect(parseCliOptions(['--version'], {})).toMatchObject({ version: true, help: false });
    expect(parseCliOptions(['-h'], {}).help).toBe(true);
  });
});

describe('readSeedFile', () => {
  it('names the file for a missing file, bad JSON and a bad field, in one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blaaiz-seed-'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"clients": [');
    const wrong = join(dir, 'wrong.json');
    await writeFile(wrong, JSON.stringify({ customers: [{ verification_status: 'BANANA' }] }));
    expect(() => readSeedFile(join(dir, 'none.json'))).toThrow(
      /^seed file .*none\.json: cannot be read \(no such file\)$/,
    );
    expect(() => readSeedFile(bad)).toThrow(/^seed file .*bad\.json: not valid JSON \(/);
    expect(() => readSeedFile(wrong)).toThrow(
      /^seed file .*wrong\.json: customers\[0\]\.verification_status must be one of/,
    );
  });
});
