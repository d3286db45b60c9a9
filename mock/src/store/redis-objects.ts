import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Redis } from 'ioredis';
import { SNIFF_BYTES } from '../core/sniff-mime.js';
import { nextChunk, type ObjectStore } from './object-store.js';
import type { RedisKeys } from './redis-keys.js';

/** Bytes appended to Redis at a time, and read back at a time. */
const PIECE_BYTES = 1024 * 1024;
/** A partial upload of an instance that died expires after this many seconds. */
const PART_TTL_SECONDS = 3600;

/**
 * Uploaded objects kept in Redis beside the state, so any instance serves what another received. An
 * upload is appended to a partial key piece by piece as it streams in (never held whole in memory)
 * and renamed to its object key once complete; a download is read back piece by piece.
 */
export function redisObjects(redis: Redis, keys: RedisKeys, label: string): ObjectStore {
  return {
    dir: label,
    async write(key, body, limitBytes) {
      const part = keys.part(randomUUID());
      const stream = body instanceof Readable ? body : body ? Readable.fromWeb(body) : Readable.from([]);
      if (stream !== body) stream.on('error', () => undefined);
      const md5 = createHash('md5');
      const head: Buffer[] = [];
      let headLength = 0;
      let size = 0;
      let piece: Buffer[] = [];
      let pieceLength = 0;
      const flush = async () => {
        if (pieceLength === 0) return;
        const bytes = Buffer.concat(piece);
        piece = [];
        pieceLength = 0;
        await redis.multi().append(part, bytes).expire(part, PART_TTL_SECONDS).exec();
      };
      let failure: 'too-large' | 'aborted' | undefined;
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
          piece.push(Buffer.from(chunk));
          pieceLength += chunk.byteLength;
          if (pieceLength >= PIECE_BYTES) await flush();
        }
        if (!failure) {
          await flush();
          // An empty object still gets its key.
          await redis.multi().append(part, '').persist(part).rename(part, keys.object(key)).exec();
        }
      } catch {
        failure ??= 'aborted';
      }
      if (failure) {
        await redis.del(part).catch(() => undefined);
        return { ok: false, reason: failure, size };
      }
      return { ok: true, size, md5: md5.digest('hex'), head: Buffer.concat(head) };
    },
    read(key) {
      const object = keys.object(key);
      return Readable.from(
        (async function* () {
          const length = await redis.strlen(object);
          for (let start = 0; start < length; start += PIECE_BYTES)
            yield await redis.getrangeBuffer(object, start, Math.min(start + PIECE_BYTES, length) - 1);
        })(),
      );
    },
    async remove(key) {
      await redis.del(keys.object(key));
    },
    async clear() {
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', keys.objectPattern, 'COUNT', 500);
        if (found.length > 0) await redis.unlink(...found);
        cursor = next;
      } while (cursor !== '0');
    },
  };
}
