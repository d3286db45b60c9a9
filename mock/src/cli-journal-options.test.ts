import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';

describe('--journal-size', () => {
  it('sets how many requests the journal keeps', () => {
    expect(parseCliOptions(['--journal-size', '250'], {}).server.config?.journalSize).toBe(250);
    expect(parseCliOptions(['--journal-size', '0'], {}).server.config?.journalSize).toBe(0);
    expect(parseCliOptions([], {}).server.config?.journalSize).toBeUndefined();
  });

  it.each(['-1', '1.5', 'many', '2000000'])('refuses %s with a one-line error', (value) => {
    expect(() => parseCliOptions([`--journal-size=${value}`], {})).toThrow(
      /--journal-size must be an integer/,
    );
  });
});
