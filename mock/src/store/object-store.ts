import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { SNIFF_BYTES } from '../core/sniff-mime.js';

export type WriteOutcome =
  | { ok: true; size: number; md5: string; head: Buffer }
  | { ok: false; reason: 'too-large' | 'aborted'; size: number };

/** Where uploaded objects live: files on disk, written as they stream in, never held whole in memory. */
export interface ObjectStore {
  readonly dir: string;
  write(key: string, body: ReadableStream<Uint8Array> | null, limitBytes: number): Promise<WriteOutcome>;
  read(key: string): Readable;
  remove(key: string): Promise<void>;
  clear(): Promise<void>;
}

function writeChunk(out: WriteStream, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

function closeStream(out: WriteStream): Promise<void> {
  return new Promise((resolve) => out.end(() => resolve()));
}

/** Opens (creating) a directory-backed object store; keys must be ids the mock issued. */
export async function openObjectStore(dir: string): Promise<ObjectStore> {
  await mkdir(dir, { recursive: true });
  return {
    dir,
    async write(key, body, limitBytes) {
      const path = join(dir, key);
      const partial = `${path}.part`;
      const out = createWriteStream(partial);
      const md5 = createHash('md5');
      const headChunks: Buffer[] = [];
      let headLength = 0;
      let size = 0;
      let failure: 'too-large' | 'aborted' | undefined;
      const reader = body?.getReader();
      try {
        while (reader) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > limitBytes) {
            failure = 'too-large';
            await reader.cancel().catch(() => undefined);
            break;
          }
          md5.update(value);
          if (headLength < SNIFF_BYTES) {
            headChunks.push(Buffer.from(value.subarray(0, SNIFF_BYTES - headLength)));
            headLength += Math.min(value.byteLength, SNIFF_BYTES - headLength);
          }
          await writeChunk(out, value);
        }
      } catch {
        failure = 'aborted';
      }
      await closeStream(out);
      if (failure) {
        await rm(partial, { force: true });
        return { ok: false, reason: failure, size };
      }
      await rename(partial, path);
      return { ok: true, size, md5: md5.digest('hex'), head: Buffer.concat(headChunks) };
    },
    read: (key) => createReadStream(join(dir, key)),
    remove: (key) => rm(join(dir, key), { force: true }),
    async clear() {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    },
  };
}
