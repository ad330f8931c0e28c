import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdCardDecodeError } from '../../../drivers/idcard/id-card-error.ts';
import { decodeAddedAddress, decodeReadBody } from '../../../drivers/idcard/read-response.ts';
import { SamDeframer, type DeframerEvent } from '../../../drivers/idcard/sam-deframer.ts';
import { samCommands } from '../../../drivers/idcard/sam-frame.ts';
import { RETRYABLE_READ_STATUSES, SAM_STATUS, samStatusName } from '../../../drivers/idcard/sam-status.ts';
import { encodeReadResponse, encodeStatusFrame } from '../../../drivers/simulators/id-card-encoder.ts';
import { SAMPLE_CARDS } from '../../../drivers/simulators/sample-cards.ts';
import { bytes, hex, referenceReadResponse } from '../../support/idcard-fixtures.ts';

const frames = (events: DeframerEvent[]) => events.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));

describe('SAM commands (§4)', () => {
  it.each([
    ['reset', samCommands.reset(), 'AA AA AA 96 69 00 03 10 FF EC'],
    ['SAM status', samCommands.samStatus(), 'AA AA AA 96 69 00 03 11 FF ED'],
    ['SAM id', samCommands.samId(), 'AA AA AA 96 69 00 03 12 FF EE'],
    ['find', samCommands.findCard(), 'AA AA AA 96 69 00 03 20 01 22'],
    ['select', samCommands.selectCard(), 'AA AA AA 96 69 00 03 20 02 21'],
    ['read 30 01', samCommands.readText(), 'AA AA AA 96 69 00 03 30 01 32'],
    ['read 30 10', samCommands.readTextWithFingerprint(), 'AA AA AA 96 69 00 03 30 10 23'],
    ['read 30 03', samCommands.readAddedAddress(), 'AA AA AA 96 69 00 03 30 03 30'],
    ['baud 115200', samCommands.setBaudRate(115200), 'AA AA AA 96 69 00 03 60 00 63'],
    ['baud 57600', samCommands.setBaudRate(57600), 'AA AA AA 96 69 00 03 60 01 62'],
    ['baud 38400', samCommands.setBaudRate(38400), 'AA AA AA 96 69 00 03 60 02 61'],
    ['baud 19200', samCommands.setBaudRate(19200), 'AA AA AA 96 69 00 03 60 03 60'],
    ['baud 9600', samCommands.setBaudRate(9600), 'AA AA AA 96 69 00 03 60 04 67'],
  ])('%s is %s', (_name, frame, expected) => {
    expect(hex(frame)).toBe(expected);
  });
});

describe('status codes (§3)', () => {
  const checksums: Record<number, number> = {
    0x90: 0x94, 0x9f: 0x9b, 0x10: 0x14, 0x11: 0x15, 0x21: 0x25, 0x23: 0x27, 0x24: 0x20, 0x31: 0x35, 0x32: 0x36,
    0x33: 0x37, 0x40: 0x44, 0x41: 0x45, 0x47: 0x43, 0x60: 0x64, 0x66: 0x62, 0x80: 0x84, 0x81: 0x85, 0x91: 0x95,
  };
  it.each(Object.keys(SAM_STATUS).map(Number))('SW3 %i: its status-only frame and its name', (sw3) => {
    const frame = encodeStatusFrame(sw3);
    expect(frame.at(-1)).toBe(checksums[sw3]);
    const [decoded] = frames(new SamDeframer().push(frame));
    expect(decoded?.body[2]).toBe(sw3);
    expect(samStatusName(sw3)).toBe(SAM_STATUS[sw3 as keyof typeof SAM_STATUS].name);
  });

  it('names the statuses the driver decides on', () => {
    expect(samStatusName(0x80)).toBe('no-card');
    expect(samStatusName(0x9f)).toBe('card-found');
    expect(samStatusName(0x40)).toBe('not-an-id-card');
    expect(samStatusName(0x77)).toBe('unknown-status');
    expect([...RETRYABLE_READ_STATUSES].sort()).toEqual([0x31, 0x32, 0x33, 0x41]);
  });

  it('decodes the find reply with its 4 data bytes', () => {
    const [found] = frames(new SamDeframer().push(bytes('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97')));
    expect(found?.body).toEqual(bytes('00 00 9F 00 00 00 00'));
  });
});

describe('the worked example (§10)', () => {
  const frame = referenceReadResponse();

  it('is the published frame', () => {
    expect(frame.length).toBe(1295);
    expect(createHash('sha256').update(frame).digest('hex')).toBe('175ddbd3f31f99ceb13b08fde6febe5d9c925af1360264d4d1eb86a00d536005');
  });

  it('deframes and decodes to the published fields', () => {
    const [decoded] = frames(new SamDeframer().push(frame));
    if (decoded === undefined) throw new Error('no frame');
    const card = decodeReadBody(decoded.body, false);
    expect(card).toMatchObject({
      cardType: 'resident',
      name: '王测试',
      gender: 'male',
      nation: { code: '01', name: '汉' },
      birthDate: '1990-01-01',
      address: '北京市东城区示例路1号',
      idNumber: '110101199001011237',
      issuer: '北京市公安局东城分局',
      validFrom: '2020-01-01',
      validTo: '2040-01-01',
    });
    expect(card.photo.length).toBe(1024);
    expect(hex(card.photo.subarray(0, 8))).toBe('57 4C 66 00 7E 00 06 07');
  });

  it('is what the simulator sends for the same person, byte for byte', () => {
    expect(hex(encodeReadResponse(SAMPLE_CARDS.resident, false))).toBe(hex(frame));
  });

  it('survives noise before the preamble and 61-byte chunks', () => {
    const deframer = new SamDeframer();
    const stream = new Uint8Array([0x02, 0x00, 0x03, 0x32, 0x29, 0xff, 0xe4, 0x03, 0xaa, 0xaa, ...frame]);
    const events: DeframerEvent[] = [];
    for (let at = 0; at < stream.length; at += 61) events.push(...deframer.push(stream.subarray(at, at + 61)));
    expect(frames(events).map((f) => hex(f.raw))).toEqual([hex(frame)]);
    expect(events.filter((e) => e.type === 'noise').reduce((n, e) => n + (e.type === 'noise' ? e.length : 0), 0)).toBe(10);
  });

  it('rejects the frame with one byte flipped', () => {
    const flipped = frame.slice();
    flipped[700] = (flipped[700] ?? 0) ^ 0x01;
    const events = new SamDeframer().push(flipped);
    expect(frames(events)).toEqual([]);
    expect(events.some((e) => e.type === 'checksum-error')).toBe(true);
  });

  it('finds the next frame after a corrupt one', () => {
    const corrupt = frame.slice();
    corrupt[1294] = 0x00;
    const events = new SamDeframer().push(new Uint8Array([...corrupt, ...encodeStatusFrame(0x80)]));
    expect(frames(events).map((f) => f.body[2])).toEqual([0x80]);
  });
});

describe('every card type', () => {
  it.each(Object.entries(SAMPLE_CARDS))('%s round-trips through 30 01 and 30 10', (_name, card) => {
    for (const withFingerprint of [false, true]) {
      const [decoded] = frames(new SamDeframer().push(encodeReadResponse(card, withFingerprint)));
      if (decoded === undefined) throw new Error('no frame');
      expect(decodeReadBody(decoded.body, withFingerprint)).toEqual(card);
    }
  });

  it('reads 30 10 replies with 512- and 1024-byte fingerprints, by the length fields', () => {
    for (const size of [512, 1024]) {
      const card = { ...SAMPLE_CARDS.resident, fingerprint: new Uint8Array(size).fill(7) };
      const frame = encodeReadResponse(card, true);
      expect(frame.length).toBe(size === 1024 ? 2321 : 1809);
      const [decoded] = frames(new SamDeframer().push(frame));
      expect(decodeReadBody(decoded?.body ?? new Uint8Array(), true).fingerprint?.length).toBe(size);
    }
    expect(encodeReadResponse(SAMPLE_CARDS.resident, true).length).toBe(1297);
  });

  it('gives 长期 as long-term and trims padding', () => {
    const [decoded] = frames(new SamDeframer().push(encodeReadResponse(SAMPLE_CARDS.residentLongTerm, false)));
    const card = decodeReadBody(decoded?.body ?? new Uint8Array(), false);
    expect(card.validTo).toBe('long-term');
    expect(card).toMatchObject({ address: '上海市浦东新区示范街道样例路200弄3号501室', nation: { name: '回' }, gender: 'female' });
  });

  it('refuses a text block with an unknown type mark, a bad date or a bad gender, with typed errors', () => {
    const body = (mutate: (text: Uint8Array) => void) => {
      const frame = encodeReadResponse(SAMPLE_CARDS.resident, false);
      mutate(frame.subarray(14, 270));
      return frame.slice(7, -1);
    };
    const codeOf = (b: Uint8Array) => {
      try {
        decodeReadBody(b, false);
        return 'decoded';
      } catch (error) {
        return error instanceof IdCardDecodeError ? error.code : 'untyped';
      }
    };
    expect(codeOf(body((t) => t.set([0x51, 0x00], 248)))).toBe('unknown-card-type');
    // Birth date 1990-01-01 is at text offset 36, one UTF-16 unit per digit: month 31, then day 32.
    expect(codeOf(body((t) => t.set([0x33, 0x00], 44)))).toBe('bad-text-block');
    expect(codeOf(body((t) => t.set([0x33, 0x00, 0x32, 0x00], 48)))).toBe('bad-text-block');
    expect(codeOf(body((t) => t.set([0x35, 0x00], 30)))).toBe('bad-text-block');
    expect(codeOf(body((t) => t.set([0x41, 0x00], 122)))).toBe('bad-text-block');
    expect(codeOf(new Uint8Array([0, 0, 0x90]))).toBe('bad-read-response');
  });

  it('says which field is malformed but never its value: decode errors are logged (review finding 9)', () => {
    const card = SAMPLE_CARDS.resident;
    const messageOf = (mutate: (text: Uint8Array) => void) => {
      const frame = encodeReadResponse(card, false);
      mutate(frame.subarray(14, 270));
      try {
        decodeReadBody(frame.slice(7, -1), false);
        return 'decoded';
      } catch (error) {
        return error instanceof IdCardDecodeError ? error.message : 'untyped';
      }
    };
    // The ID number's last character made a letter other than X; the birth date's month made 31.
    const messages = [messageOf((t) => t.set([0x41, 0x00], 122 + 34)), messageOf((t) => t.set([0x33, 0x00], 44))];
    expect(messages[0]).toMatch(/ID number/);
    expect(messages[1]).toMatch(/birth date/);
    for (const message of messages) {
      expect(message).not.toContain(card.idNumber.slice(0, 17));
      expect(message).not.toContain(card.birthDate.replaceAll('-', '').slice(0, 4));
    }
  });

  it('decodes the added address (30 03)', () => {
    const text = new Uint8Array(70);
    const value = '北京市朝阳区新址路2号'.padEnd(35, ' ');
    for (let i = 0; i < 35; i++) {
      text[i * 2] = value.charCodeAt(i) & 0xff;
      text[i * 2 + 1] = value.charCodeAt(i) >> 8;
    }
    const [decoded] = frames(new SamDeframer().push(encodeStatusFrame(0x90, text)));
    expect(decodeAddedAddress(decoded?.body ?? new Uint8Array())).toBe('北京市朝阳区新址路2号');
  });
});

describe('properties', () => {
  const validStream = fc
    .array(fc.constantFrom(...Object.values(SAMPLE_CARDS)), { minLength: 1, maxLength: 3 })
    .map((cards) => cards.map((card) => encodeReadResponse(card, false)));

  it('any split of a valid stream decodes to the same frames', () => {
    fc.assert(
      fc.property(validStream, fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 20 }), (frameList, cuts) => {
        const stream = Uint8Array.from(frameList.flatMap((f) => [...f]));
        const deframer = new SamDeframer();
        const got: string[] = [];
        let at = 0;
        for (let i = 0; at < stream.length; i++) {
          const size = cuts[i % cuts.length] ?? 1;
          got.push(...frames(deframer.push(stream.subarray(at, at + size))).map((f) => hex(f.raw)));
          at += size;
        }
        expect(got).toEqual(frameList.map(hex));
      }),
      { numRuns: 200 },
    );
  });

  const decodeAll = (input: Uint8Array) => {
    for (const event of new SamDeframer().push(input)) {
      if (event.type !== 'frame') continue;
      for (const withFingerprint of [false, true]) {
        try {
          decodeReadBody(event.frame.body, withFingerprint);
        } catch (error) {
          if (!(error instanceof IdCardDecodeError)) throw error;
        }
      }
    }
  };

  it('random bytes only ever give typed errors, never an exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (input) => decodeAll(input)), { numRuns: 500 });
  });

  it('mutated valid frames only ever give typed errors or valid cards', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(SAMPLE_CARDS)),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (card, mutations) => {
          const frame = encodeReadResponse(card, false);
          for (const [at, value] of mutations) frame[at % frame.length] = value;
          // Mutated text with a recomputed checksum reaches the text decoder too.
          let sum = 0;
          for (let i = 5; i < frame.length - 1; i++) sum ^= frame[i] ?? 0;
          const fixed = frame.slice();
          fixed[fixed.length - 1] = sum;
          decodeAll(frame);
          decodeAll(fixed);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('does not hang or grow on a stream of preambles with huge lengths', () => {
    const deframer = new SamDeframer();
    const junk = new Uint8Array(20_000);
    for (let i = 0; i + 7 <= junk.length; i += 7) junk.set([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff], i);
    const started = Date.now();
    deframer.push(junk);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(frames(deframer.push(encodeStatusFrame(0x80)))).toHaveLength(1);
  });
});
