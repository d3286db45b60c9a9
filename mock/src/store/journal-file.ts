import { type FileHandle, open, readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

/** Bytes before each record's payload: its length and its CRC-32, both unsigned 32-bit big-endian. */
const HEADER_BYTES = 8;

/** One journal record on disk: length, checksum, then the UTF-8 payload (a JSON text). */
export function frameRecord(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const framed = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  framed.writeUInt32BE(body.length, 0);
  framed.writeUInt32BE(crc32(body), 4);
  body.copy(framed, HEADER_BYTES);
  return framed;
}

/** The records of a journal file that are whole and intact, and where the intact part ends. */
export interface JournalContents {
  payloads: string[];
  /** Bytes from the start that hold whole, intact records; anything after is a torn or corrupt tail. */
  validBytes: number;
  /** True when bytes follow the last intact record (a write cut short by a crash, or corruption). */
  tornTail: boolean;
}

/** Splits journal bytes into records, stopping at the first that is short or fails its checksum. */
export function parseJournal(bytes: Buffer, limitBytes = bytes.length): JournalContents {
  const end = Math.min(limitBytes, bytes.length);
  const payloads: string[] = [];
  let at = 0;
  while (at + HEADER_BYTES <= end) {
    const length = bytes.readUInt32BE(at);
    const sum = bytes.readUInt32BE(at + 4);
    if (at + HEADER_BYTES + length > end) break;
    const body = bytes.subarray(at + HEADER_BYTES, at + HEADER_BYTES + length);
    if (crc32(body) !== sum) break;
    payloads.push(body.toString('utf8'));
    at += HEADER_BYTES + length;
  }
  return { payloads, validBytes: at, tornTail: at < end };
}

/** Reads and parses a journal file (at most `limitBytes` of it); a missing file has no records. */
export async function readJournal(path: string, limitBytes?: number): Promise<JournalContents> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  });
  return parseJournal(bytes, limitBytes);
}

/** An open journal file: appends are durable (written and fdatasync'ed) when they resolve. */
export interface JournalWriter {
  readonly path: string;
  /** Bytes of whole records written so far. */
  readonly size: number;
  append(payload: string): Promise<void>;
  /** After a failed append: cuts the file back to its last whole record (best effort). */
  truncateToValid(): Promise<void>;
  close(): Promise<void>;
}

/** Creates (truncating) a journal file whose first record is `header`, durable before it resolves. */
export async function createJournal(path: string, header: string): Promise<JournalWriter> {
  const handle: FileHandle = await open(path, 'w', 0o600);
  let size = 0;
  const writer: JournalWriter = {
    path,
    get size() {
      return size;
    },
    async append(payload) {
      const framed = frameRecord(payload);
      let written = 0;
      while (written < framed.length) {
        const { bytesWritten } = await handle.write(framed, written, framed.length - written, size + written);
        written += bytesWritten;
      }
      await handle.datasync();
      size += framed.length;
    },
    async truncateToValid() {
      await handle.truncate(size).catch(() => undefined);
    },
    close: () => handle.close(),
  };
  try {
    await writer.append(header);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return writer;
}
