import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureTlsMaterial } from './local-ca.js';

describe('local CA', () => {
  it('creates a CA once, keeps it, and signs a server certificate for the hosts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blaaiz-ca-'));
    const first = await ensureTlsMaterial(dir, ['mock.internal']);
    const second = await ensureTlsMaterial(dir, ['mock.internal']);
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(second.serverCertPem).toBe(first.serverCertPem);
    expect(await readFile(first.caCertPath, 'utf8')).toBe(first.caCertPem);
    const ca = new X509Certificate(first.caCertPem);
    const server = new X509Certificate(first.serverCertPem);
    expect(ca.ca).toBe(true);
    // ECDSA P-256: a first start makes its keys in milliseconds (RSA-2048 takes a few hundred).
    expect(ca.publicKey.asymmetricKeyType).toBe('ec');
    expect(server.publicKey.asymmetricKeyType).toBe('ec');
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toContain('DNS:mock.internal');
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
  });

  it('gives concurrent starts on one state directory the same CA', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blaaiz-ca-'));
    const [a, b] = await Promise.all([ensureTlsMaterial(dir, []), ensureTlsMaterial(dir, [])]);
    expect(a.caCertPem).toBe(b.caCertPem);
    expect(new X509Certificate(b.serverCertPem).verify(new X509Certificate(a.caCertPem).publicKey)).toBe(
      true,
    );
  }, 30_000);
});
