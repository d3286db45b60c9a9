import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { SNIFF_BYTES } from '../core/sniff-mime.js';

export type WriteOutcome =
  | { ok: true; size: number; md5: string; head: Buffer }
  | { ok: false; reason: 'too-large' | 'aborted'; size: number };

/** A request body: the socket's Node stream (served by a listener) or a web stream (`app.request`). */
export type UploadBody = Readable | ReadableStream<Uint8Array> | null;

/** Where uploaded objects live: files on disk, written as they stream in, never held whole in memory. */
export interface ObjectStore {
  readonly dir: string;
  write(key: string, body: UploadBody, limitBytes: number): Promise<WriteOutcome>;
  read(key: string): Readable;
  remove(key: string): Promise<void>;
  clear(): Promise<void>;
}

/** The next chunk of `stream` (null at its end); waiting never destroys it, so the server can still answer. */
export function nextChunk(stream: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const chunk: Buffer | null = stream.read();
      if (chunk === null && !stream.readableEnded && !stream.destroyed) return;
      stream.off('readable', attempt).off('end', attempt).off('close', attempt).off('error', attempt);
      if (chunk !== null || stream.readableEnded) resolve(chunk);
      else reject(new Error('request body aborted'));
    };
    stream.on('readable', attempt).on('end', attempt).on('close', attempt).on('error', attempt);
    attempt();
  });
}

/** Writes to `out`, waiting only when its buffer is full; a failed file write rejects. */
function fileSink(out: WriteStream) {
  let failed: Error | undefined;
  out.on('error', (error) => {
    failed = error;
  });
  return {
    async write(chunk: Uint8Array) {
      if (failed) throw failed;
      if (out.write(chunk)) return;
      await new Promise<void>((done) => {
        const resume = () => {
          out.off('drain', resume).off('close', resume);
          done();
        };
        out.on('drain', resume).on('close', resume);
      });
    },
    end: () => new Promise<void>((done) => (out.closed ? done() : out.end(() => done()).once('close', done))),
    failed: () => failed,
  };
}

/** What reading an upload found: its size, MD5 and first bytes, or why it stopped. */
export interface UploadRead {
  size: number;
  md5: string;
  head: Buffer;
  failure: 'too-large' | 'aborted' | undefined;
}

/**
 * Reads an upload chunk by chunk into `write`, counting its size against `limitBytes`, hashing it and
 * keeping the first bytes for the content check: what every object store does while bytes stream in.
 * A socket's stream is left open when reading stops early (the server answers on it); a web stream is
 * cancelled.
 */
export async function readUpload(
  body: UploadBody,
  limitBytes: number,
  write: (chunk: Buffer) => Promise<void>,
): Promise<UploadRead> {
  const stream = body instanceof Readable ? body : body ? Readable.fromWeb(body) : Readable.from([]);
  if (stream !== body) stream.on('error', () => undefined); // seen by nextChunk as a destroyed stream
  const md5 = createHash('md5');
  const head: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  let failure: UploadRead['failure'];
  try {
    for (let chunk = await nextChunk(stream); chunk; chunk = await nextChunk(stream)) {
      size += chunk.byteLength;
      if (size > limitBytes) {
        failure = 'too-large';
        if (stream !== body) stream.destroy();
        break;
      }
      md5.update(chunk);
      if (headLength < SNIFF_BYTES) {
        head.push(Buffer.from(chunk.subarray(0, SNIFF_BYTES - headLength)));
        headLength += Math.min(chunk.byteLength, SNIFF_BYTES - headLength);
      }
      await write(chunk);
    }
  } catch {
    failure = 'aborted';
  }
  return { size, md5: md5.digest('hex'), head: Buffer.concat(head), failure };
}

/** Opens (creating, 0700) a directory-backed object store; files are written 0600; keys are ids the mock issued. */
export async function openObjectStore(dir: string): Promise<ObjectStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return {
    dir,
    async write(key, body, limitBytes) {
      const path = join(dir, key);
      // One partial file per attempt: a failed attempt is cleaned up in the background, even as a retry starts.
      const partial = `${path}.${randomUUID()}.part`;
      const sink = fileSink(createWriteStream(partial, { mode: 0o600 }));
      const read = await readUpload(body, limitBytes, (chunk) => sink.write(chunk));
      const { size, failure } = read;
      const discard = () => {
        void sink.end().then(() => rm(partial, { force: true }).catch(() => undefined));
        return { ok: false as const, reason: failure ?? ('aborted' as const), size };
      };
      if (failure) return discard();
      await sink.end();
      const stored =
        !sink.failed() &&
        (await rename(partial, path).then(
          () => true,
          () => false,
        ));
      if (!stored) return discard();
      return { ok: true, size, md5: read.md5, head: read.head };
    },
    read: (key) => createReadStream(join(dir, key)),
    remove: (key) => rm(join(dir, key), { force: true }),
    async clear() {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true, mode: 0o700 });
    },
  };
}
