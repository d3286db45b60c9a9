import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Name of the file, inside a state directory, that keeps the instance's signing secret. */
export const SIGNING_SECRET_FILE = 'signing-secret';

/** A fresh random secret for tokens and presigned URLs (32 bytes, base64url). */
export function randomSigningSecret(): string {
  return randomBytes(32).toString('base64url');
}

async function readSecret(path: string): Promise<string | undefined> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The signing secret kept in `stateDir` (mode 0600), generated on first start. Concurrent first starts
 * agree: the secret is written to a private file and linked into place, so only one of them wins.
 */
export async function ensureSigningSecret(stateDir: string): Promise<string> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const path = join(stateDir, SIGNING_SECRET_FILE);
  const existing = await readSecret(path);
  if (existing) {
    await chmod(path, 0o600);
    return existing;
  }
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(draft, `${randomSigningSecret()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  const secret = await readSecret(path);
  if (!secret) throw new Error(`${path} holds no signing secret`);
  return secret;
}
