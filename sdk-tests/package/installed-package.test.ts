import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER_SCRIPT, CONSUMER_TSCONFIG, CONSUMER_TYPES } from './consumer-files.js';
import { emptyProject, install, npm, ROOT, run } from './consumer-project.js';

let work: string;
let app: string;
let packedFiles: string[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'blaaiz-pack-'));
  const packed = await npm(['pack', '--json', '--pack-destination', work], ROOT);
  const [manifest] = JSON.parse(packed.slice(packed.indexOf('['))) as [
    { filename: string; files: Array<{ path: string }> },
  ];
  packedFiles = manifest.files.map((file) => file.path);
  app = await emptyProject(join(work, 'app'));
  await install(join(work, manifest.filename), app);
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the packed package, installed into an empty project', () => {
  it('ships the build, the spec and the declarations, not the sources or tests', () => {
    for (const path of ['openapi.yaml', 'LICENSE', 'dist/mock/src/cli.js', 'dist/mock/src/testing.js']) {
      expect(packedFiles).toContain(path);
    }
    expect(packedFiles).toContain('dist/mock/src/testing.d.ts');
    expect(packedFiles.filter((path) => /\.test\.|^mock\/|^sdk-tests\/|^contracts\//.test(path))).toEqual([]);
  });

  it('has README links that resolve inside the package or point to the repository', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
    const relative = targets.filter((target) => !/^(https?:|#|mailto:)/.test(target));
    expect(relative.filter((target) => !packedFiles.includes(target.split('#')[0] ?? ''))).toEqual([]);
  });

  it('npx blaaiz-mock --help prints the usage (an executable bin)', async () => {
    const bin = join(app, 'node_modules/blaaiz-mock/dist/mock/src/cli.js');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const usage = await run('npx', ['--no-install', 'blaaiz-mock', '--help'], { cwd: app });
    expect(usage.stdout).toContain('Usage: blaaiz-mock [options]');
  });

  it("import { startMock } from 'blaaiz-mock/testing' starts, serves and closes an instance", async () => {
    await writeFile(join(app, 'check.mjs'), CONSUMER_SCRIPT);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: app, timeout: 30_000 });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ caCert: 'string', customers: 2, rootExportsStartMock: true });
    expect(result.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.spec).toBe(`file://${join(app, 'node_modules/blaaiz-mock/openapi.yaml')}`);
  });

  it('type-checks a strict TypeScript consumer against the shipped declarations', async () => {
    await writeFile(join(app, 'check-types.ts'), CONSUMER_TYPES);
    await writeFile(join(app, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
    await mkdir(join(app, 'node_modules/@types'), { recursive: true });
    await symlink(join(ROOT, 'node_modules/@types/node'), join(app, 'node_modules/@types/node'), 'dir');
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const checked = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app });
    expect(checked.stdout).toBe('');
  });

  it('runs the integrator example (globalSetup + test file) as a client project would', async () => {
    const version = JSON.parse(
      await readFile(join(ROOT, 'node_modules/vitest/package.json'), 'utf8'),
    ).version;
    await install(`vitest@${version}`, app);
    await mkdir(join(app, 'test'));
    for (const file of ['global-setup.ts', 'client-ci.test.ts']) {
      const source = await readFile(join(ROOT, 'sdk-tests/examples', file), 'utf8');
      await writeFile(
        join(app, 'test', file),
        source.replaceAll('../../mock/src/testing.js', 'blaaiz-mock/testing'),
      );
    }
    await writeFile(
      join(app, 'vitest.config.mjs'),
      "export default { test: { globalSetup: ['./test/global-setup.ts'] } };\n",
    );
    const vitest = join(app, 'node_modules/vitest/vitest.mjs');
    const { stdout } = await run(process.execPath, [vitest, 'run', '--reporter=json'], { cwd: app });
    const report = JSON.parse(stdout) as { success: boolean; numPassedTests: number; numTotalTests: number };
    expect(report).toMatchObject({ success: true, numPassedTests: report.numTotalTests });
    expect(report.numTotalTests).toBeGreaterThanOrEqual(4);
    // The copied files also type-check, strict, with the versions the README names (TypeScript 5.9, vitest 4).
    // npm removed the linked @types/node when it installed vitest: link it again.
    const types = join(app, 'node_modules/@types/node');
    if (!existsSync(types)) await symlink(join(ROOT, 'node_modules/@types/node'), types, 'dir');
    const options = { ...CONSUMER_TSCONFIG.compilerOptions, skipLibCheck: true };
    const config = { compilerOptions: options, include: ['test/*.ts'] };
    await writeFile(join(app, 'tsconfig.examples.json'), JSON.stringify(config));
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const checked = await run(process.execPath, [tsc, '-p', 'tsconfig.examples.json'], { cwd: app });
    expect(checked.stdout).toBe('');
  });
});
