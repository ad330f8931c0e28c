import { describe, expect, it } from 'vitest';
import { IdCardReader } from '../../../drivers/idcard/id-card-reader.ts';
import { wrapSamFrame } from '../../../drivers/idcard/sam-frame.ts';
import { FakeTransport } from '../../support/fake-transport.ts';
import { ManualClock } from '../../support/manual-clock.ts';

/** SAM status (11 FF) answered with SW1 SW2 SW3 = 00 00 90 (success). */
const SAM_OK = wrapSamFrame(Uint8Array.of(0x00, 0x00, 0x90));
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('the reader\'s health check', () => {
  it('asks a silent SAM again within a second, not one whole health interval later', async () => {
    const transport = new FakeTransport();
    const clock = new ManualClock();
    const reader = new IdCardReader({ transport, clock, healthCheckIntervalMs: 10_000 });
    const started = reader.start();
    // The SAM's status requests (500 ms each: the port's open and the start each ask) go unanswered: not powered yet.
    for (let i = 0; i < 2; i++) {
      await flush();
      clock.advance(500);
    }
    await started;
    expect(reader.state).toBe('not-responding');

    transport.answer = (request) => (request[7] === 0x11 && request[8] === 0xff ? SAM_OK : null);
    clock.advance(1000);
    await flush();
    expect(reader.state).toBe('ready');
    await reader.stop();
  });

  it('keeps the long interval while the SAM answers', async () => {
    const transport = new FakeTransport();
    const clock = new ManualClock();
    transport.answer = () => SAM_OK;
    let asked = 0;
    const answer = transport.answer;
    transport.answer = (request) => {
      asked += 1;
      return answer(request);
    };
    const reader = new IdCardReader({ transport, clock, healthCheckIntervalMs: 10_000 });
    await reader.start();
    await flush();
    expect(reader.state).toBe('ready');
    const afterStart = asked;
    clock.advance(9_000);
    await flush();
    expect(asked).toBe(afterStart);
    clock.advance(1_000);
    await flush();
    expect(asked).toBe(afterStart + 1);
    await reader.stop();
  });
});
