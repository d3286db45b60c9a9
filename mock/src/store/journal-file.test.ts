import { describe, expect, it } from 'vitest';
import { frameRecord, parseJournal } from './journal-file.js';

const records = ['{"a":1}', '{"b":"é"}', '{"c":[1,2,3]}'];
const whole = Buffer.concat(records.map(frameRecord));

describe('parseJournal', () => {
  it('reads back every whole record', () => {
    expect(parseJournal(whole)).toEqual({ payloads: records, validBytes: whole.length, tornTail: false });
  });

  it.each([1, 5, 9, 12])('drops a last record cut %i bytes short, keeps the ones before', (cut) => {
    const parsed = parseJournal(whole.subarray(0, whole.length - cut));
    expect(parsed.payloads).toEqual(records.slice(0, 2));
    expect(parsed.tornTail).toBe(true);
  });

  it('stops at a record whose checksum fails', () => {
    const broken = Buffer.from(whole);
    broken[broken.length - 3] = (broken[broken.length - 3] as number) ^ 0x01;
    expect(parseJournal(broken).payloads).toEqual(records.slice(0, 2));
  });

  it('reads no further than a given length', () => {
    const firstTwo = frameRecord(records[0] as string).length + frameRecord(records[1] as string).length;
    expect(parseJournal(whole, firstTwo)).toEqual({
      payloads: records.slice(0, 2),
      validBytes: firstTwo,
      tornTail: false,
    });
  });
});
