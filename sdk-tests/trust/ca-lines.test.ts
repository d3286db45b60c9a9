/**
 * The README's "Trusting the mock's CA" lines and troubleshooting table, run for real: each client's
 * trust setting makes the https PUT to the object store work, and without it the client fails with the
 * error the table lists. Tools missing on this machine are skipped with their name.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, readyLine, runCli } from '../cli/run-cli.js';

const exec = promisify(execFile);
let mock: CliRun;
let dir: string;
let target: string;
let ca: string;

/** Runs a command with `env` added; resolves with its output and exit code instead of throwing. */
async function attempt(command: string, args: string[], env: Record<string, string> = {}) {
  const { NODE_EXTRA_CA_CERTS: _n, SSL_CERT_FILE: _s, CURL_CA_BUNDLE: _c, ...clean } = process.env;
  try {
    const { stdout, stderr } = await exec(command, args, {
      cwd: dir,
      env: { ...clean, ...env },
      timeout: 60_000,
    });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

async function has(tool: string): Promise<boolean> {
  return (await attempt('sh', ['-c', `command -v ${tool}`])).code === 0;
}
const [curl, python, java, keytool] = await Promise.all(['curl', 'python3', 'java', 'keytool'].map(has));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blaaiz-trust-'));
  // Started as a user starts it: the built CLI in its own process, here with NODE_EXTRA_CA_CERTS naming
  // another state dir's CA of the same name, which must not slip into the chain the store serves.
  const other = runCli(['--ca-path', '--state-dir', join(dir, 'other')]);
  await other.exited;
  mock = runCli(['--quiet', '--port', '0', '--storage-port', '0', '--state-dir', dir], {
    NODE_EXTRA_CA_CERTS: other.stdout().trim(),
  });
  const ready = await readyLine(mock);
  ca = ready.caCertPath ?? '';
  // An unsigned URL: the store answers 400 (no signature parameters), proof that TLS itself succeeded.
  target = `${ready.storageUrl}/blaaiz-uploads/probe`;
});
afterAll(async () => {
  mock.child.kill('SIGTERM');
  await mock.exited;
  await rm(dir, { recursive: true, force: true });
});

describe('Node', () => {
  const script = `require('https').request(process.argv[1], { method: 'PUT' }, (r) => console.log('status', r.statusCode)).on('error', (e) => { console.log(e.code); process.exitCode = 1; }).end('x')`;
  it('NODE_EXTRA_CA_CERTS=<ca.pem> works; without it: UNABLE_TO_VERIFY_LEAF_SIGNATURE', async () => {
    expect(
      (await attempt(process.execPath, ['-e', script, target], { NODE_EXTRA_CA_CERTS: ca })).output,
    ).toContain('status 400');
    expect((await attempt(process.execPath, ['-e', script, target])).output).toContain(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    );
  });
});

describe.skipIf(!curl)('curl (skipped without curl)', () => {
  const put = ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'PUT', '--data', 'x'];
  it('--cacert and CURL_CA_BUNDLE work; SSL_CERT_FILE is not enough: exit 60', async () => {
    expect((await attempt('curl', [...put, '--cacert', ca, target])).output).toBe('400');
    expect((await attempt('curl', [...put, target], { CURL_CA_BUNDLE: ca })).output).toBe('400');
    expect((await attempt('curl', [...put, target], { SSL_CERT_FILE: ca })).code).toBe(60);
  });
});

describe.skipIf(!python)('Python urllib, as the official SDK uses it (skipped without python3)', () => {
  const script = `import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b'x', method='PUT'))
except urllib.error.HTTPError as e:
    print('status', e.code)
except urllib.error.URLError as e:
    print(e.reason)`;
  it('SSL_CERT_FILE=<ca.pem> works; without it: CERTIFICATE_VERIFY_FAILED', async () => {
    expect((await attempt('python3', ['-c', script, target], { SSL_CERT_FILE: ca })).output).toContain(
      'status 400',
    );
    expect((await attempt('python3', ['-c', script, target])).output).toContain('CERTIFICATE_VERIFY_FAILED');
  });
});

describe.skipIf(!java || !keytool)('Java (skipped without java and keytool)', () => {
  it('a trust store from keytool works; without it: PKIX path building failed', async () => {
    const source = `import java.net.URI; import java.net.http.*;
public class Put { public static void main(String[] a) throws Exception {
  var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(a[0])).PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
  System.out.println("status " + r.statusCode()); } }`;
    await writeFile(join(dir, 'Put.java'), source);
    const store = ['-keystore', 'mock-truststore.jks', '-storepass', 'changeit'];
    const imported = await attempt('keytool', [
      '-importcert',
      '-noprompt',
      '-alias',
      'blaaiz-mock',
      '-file',
      ca,
      ...store,
    ]);
    expect(imported.code).toBe(0);
    const trust = [
      '-Djavax.net.ssl.trustStore=mock-truststore.jks',
      '-Djavax.net.ssl.trustStorePassword=changeit',
    ];
    expect((await attempt('java', [...trust, 'Put.java', target])).output).toContain('status 400');
    expect((await attempt('java', ['Put.java', target])).output).toContain('PKIX path building failed');
  }, 120_000);
});
