import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LockerKeys } from '../../../main/lockers/locker-keys.ts';

/** The inventory's secrets: tags and code hashes need the data key, and each purpose has its own key. */
describe('locker keys', () => {
  const dataKey = randomBytes(32);
  const keys = new LockerKeys(dataKey);

  it('tags an ID number the same way each time, differently under another data key, and never as the number', () => {
    const tag = keys.recipientTag('110101199001011237');
    expect(tag).toMatch(/^[0-9a-f]{64}$/);
    expect(new LockerKeys(Buffer.from(dataKey)).recipientTag('110101199001011237')).toBe(tag);
    expect(new LockerKeys(randomBytes(32)).recipientTag('110101199001011237')).not.toBe(tag);
    expect(keys.recipientTag('310115195803120029')).not.toBe(tag);
  });

  it('hashes a pickup code with a salt per item and checks it', () => {
    const [salt1, salt2] = [keys.newSalt(), keys.newSalt()];
    const hash = keys.codeHash('123456', salt1);
    expect(keys.codeHash('123456', salt2).equals(hash)).toBe(false);
    expect(keys.codeMatches('123456', salt1, hash)).toBe(true);
    expect(keys.codeMatches('123457', salt1, hash)).toBe(false);
    expect(keys.codeMatches('123456', salt2, hash)).toBe(false);
    // The code key is not the tag key: a hash of a code is no tag of anything.
    expect(keys.codeHash('110101199001011237', Buffer.alloc(0)).toString('hex')).not.toBe(keys.recipientTag('110101199001011237'));
  });
});
