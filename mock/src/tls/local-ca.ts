import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The CA and server certificate the object store serves https with. */
export interface TlsMaterial {
  caCertPem: string;
  caCertPath: string;
  serverCertPem: string;
  serverKeyPem: string;
}

/** Splits a server bundle (certificate then key, written atomically together) into its parts. */
function splitBundle(text: string): { certPem: string; keyPem: string } | undefined {
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\r?\n/.exec(text)?.[0];
  // PKCS#8 (ECDSA keys) or PKCS#1 (the RSA keys of bundles written by earlier versions).
  const key = /-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+?-----END \1?PRIVATE KEY-----\r?\n/.exec(text)?.[0];
  return cert && key ? { certPem: cert, keyPem: key } : undefined;
}

/** Creates the CA unless another process is creating it at the same moment, then uses theirs. */
async function createCaOnce(certPath: string, keyPath: string): Promise<{ certPem: string; keyPem: string }> {
  const { createCa } = await import('./issue-certificates.js');
  const ca = createCa();
  try {
    await writeFile(keyPath, ca.keyPem, { mode: 0o600, flag: 'wx' });
  } catch {
    for (let attempt = 0; attempt < 100; attempt++) {
      const theirs = await readPair(certPath, keyPath);
      if (theirs?.certPem.includes('END CERTIFICATE')) return theirs;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(
      `A CA key exists at ${keyPath} without its certificate ${certPath}; remove both to start afresh.`,
    );
  }
  await writeFile(certPath, ca.certPem);
  return ca;
}

async function readPair(certPath: string, keyPath: string) {
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined;
  return { certPem: await readFile(certPath, 'utf8'), keyPem: await readFile(keyPath, 'utf8') };
}

/**
 * Loads the local CA from `stateDir` (creating it on first start) and a server certificate for `hosts`
 * signed by it; both are kept there, so clients trust the same CA across restarts.
 */
export async function ensureTlsMaterial(stateDir: string, hostNames: string[]): Promise<TlsMaterial> {
  await mkdir(stateDir, { recursive: true });
  const caCertPath = join(stateDir, 'ca.pem');
  const caKeyPath = join(stateDir, 'ca-key.pem');
  const ca = (await readPair(caCertPath, caKeyPath)) ?? (await createCaOnce(caCertPath, caKeyPath));
  const hosts = [...new Set(['localhost', '127.0.0.1', '::1', ...hostNames])];
  const tag = createHash('sha256').update(ca.certPem).update(hosts.join(',')).digest('hex').slice(0, 12);
  const bundlePath = join(stateDir, `server-${tag}.pem`);
  let server = existsSync(bundlePath) ? splitBundle(await readFile(bundlePath, 'utf8')) : undefined;
  if (!server) {
    const { createServerCert } = await import('./issue-certificates.js');
    server = createServerCert(ca, hosts);
    const partial = `${bundlePath}.${process.pid}.${Date.now()}`;
    await writeFile(partial, `${server.certPem}${server.keyPem}`, { mode: 0o600 });
    await rename(partial, bundlePath);
  }
  return { caCertPem: ca.certPem, caCertPath, serverCertPem: server.certPem, serverKeyPem: server.keyPem };
}
