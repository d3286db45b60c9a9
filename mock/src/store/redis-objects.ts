import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Redis } from 'ioredis';
import { type ObjectStore, readUpload } from './object-store.js';
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
      let piece: Buffer[] = [];
      let pieceLength = 0;
      const flush = async () => {
        if (pieceLength === 0) return;
        const bytes = Buffer.concat(piece);
        piece = [];
        pieceLength = 0;
        await redis.multi().append(part, bytes).expire(part, PART_TTL_SECONDS).exec();
      };
      const read = await readUpload(body, limitBytes, async (chunk) => {
        piece.push(Buffer.from(chunk));
        pieceLength += chunk.byteLength;
        if (pieceLength >= PIECE_BYTES) await flush();
      });
      let failure = read.failure;
      if (!failure) {
        try {
          await flush();
          // An empty object still gets its key.
          await redis.multi().append(part, '').persist(part).rename(part, keys.object(key)).exec();
        } catch {
          failure = 'aborted';
        }
      }
      if (failure) {
        await redis.del(part).catch(() => undefined);
        return { ok: false, reason: failure, size: read.size };
      }
      return { ok: true, size: read.size, md5: read.md5, head: read.head };
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
