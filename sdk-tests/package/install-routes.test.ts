import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyProject, install, ROOT, run } from './consumer-project.js';

/** What the installed package must do however it was installed: a working bin and `blaaiz-mock/testing`. */
const SMOKE = `
import { startMock } from 'blaaiz-mock/testing';
const mock = await startMock();
const health = await fetch(mock.baseUrl + '/__mock/health').then((r) => r.json());
await mock.close();
console.log(JSON.stringify({ status: health.status, version: health.version }));
`;

let work: string;
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'blaaiz-routes-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function expectWorkingInstall(app: string): Promise<void> {
  const bin = await run('npx', ['--no-install', 'blaaiz-mock', '--version'], { cwd: app });
  expect(bin.stdout.trim()).toBe(version);
  await writeFile(join(app, 'smoke.mjs'), SMOKE);
  const { stdout } = await run(process.execPath, ['smoke.mjs'], { cwd: app, timeout: 30_000 });
  expect(JSON.parse(stdout)).toEqual({ status: 'ready', version });
}

describe('npm install git+file://… of a clone without dist/ (the prepare script builds it)', () => {
  let app: string;
  beforeAll(async () => {
    // A repository made of the working tree as git sees it: tracked and new files, nothing ignored (no dist/).
    const repo = join(work, 'repo');
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT })
      .toString()
      .split('\0')
      .filter((file) => file !== '' && existsSync(join(ROOT, file)));
    for (const file of files) cpSync(join(ROOT, file), join(repo, file), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=ci', '-c', 'user.email=ci@example.com', 'commit', '-qm', 'snapshot');
    expect(existsSync(join(repo, 'dist'))).toBe(false);
    app = await emptyProject(join(work, 'from-git'));
    await install(`git+file://${repo}`, app);
  }, 300_000);

  it('gives a built package: the bin and blaaiz-mock/testing work', async () => {
    expect(existsSync(join(app, 'node_modules/blaaiz-mock/dist/mock/src/testing.js'))).toBe(true);
    await expectWorkingInstall(app);
  });
});

describe('npm install <local path> of a checkout set up with npm ci', () => {
  let app: string;
  beforeAll(async () => {
    app = await emptyProject(join(work, 'from-path'));
    await install(ROOT, app);
  });

  it('links the checkout, whose bin and blaaiz-mock/testing work', async () => {
    expect(lstatSync(join(app, 'node_modules/blaaiz-mock')).isSymbolicLink()).toBe(true);
    await expectWorkingInstall(app);
  });
});
