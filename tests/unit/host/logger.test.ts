import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/host/logger.ts';

/** Every line the host's logger writes, parsed. */
const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger('debug', stream), lines };
};

const CARD = { name: '张三', idNumber: '110101199003071234', address: '北京市东城区景山前街4号', birthDate: '1990-03-07' };

describe('the host log (review finding 9)', () => {
  it('censors personal data however deep it sits in what is logged', () => {
    const { log, lines } = capture();
    log.info({ session: { citizen: CARD } }, 'nested citizen');
    log.info({ outcome: { card: CARD } }, 'nested card');
    log.info({ identity: CARD }, 'identity');
    log.info({ application: { applicant: { ...CARD, phone: '13800000000' } } }, 'applicant');
    log.info({ pickup: { pickupCode: '12345678' } }, 'pickup');
    const text = JSON.stringify(lines);
    for (const secret of ['张三', '110101199003071234', '景山前街', '1990-03-07', '13800000000', '12345678']) expect(text).not.toContain(secret);
    expect(text).toContain('[personal data]');
  });

  it('keeps what is not personal: an error keeps its name, a device keeps its name', () => {
    const { log, lines } = capture();
    log.error({ err: new TypeError('bad thing') }, 'failed');
    log.info({ device: { id: 'printer', name: 'Receipt printer' } }, 'device');
    expect(lines[0]?.['err']).toMatchObject({ type: 'TypeError', message: 'bad thing' });
    expect(JSON.stringify(lines)).not.toContain('[personal data]');
    expect(lines[1]?.['device']).toEqual({ id: 'printer', name: 'Receipt printer' });
  });
});
