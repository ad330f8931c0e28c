import { describe, expect, it } from 'vitest';
import { IdCardReader } from '../../drivers/idcard/id-card-reader.ts';
import { IdCardSamSimulator } from '../../drivers/simulators/idcard-sam-simulator.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { HidTransport } from '../../drivers/transport/hid-transport.ts';
import { FakeHidReader, fakeHidBackend } from '../support/fake-hid-reader.ts';

/** The same reader driver over USB-HID, against a fake at node-hid's API boundary. */
describe('ID card reader over HID (64-byte length-prefixed reports)', () => {
  const setUp = async () => {
    let device = new FakeHidReader();
    const simulator = await IdCardSamSimulator.attach(device.deviceSide);
    const backend = fakeHidBackend([{ vendorId: 0x0483, productId: 0x572b, path: '/dev/hidraw3', device: () => device }]);
    const transport = new HidTransport({ vendorId: 0x0483, productId: 0x572b, backend, reportId: 0, retryMs: 20, maxRetryMs: 50 });
    const reader = new IdCardReader({ transport, pollIntervalMs: 30 });
    await reader.start();
    const replug = async () => {
      device = new FakeHidReader();
      return IdCardSamSimulator.attach(device.deviceSide);
    };
    return { device: () => device, simulator, reader, replug };
  };

  it('reads a card, every report 64 bytes with its length byte, chunks acknowledged', async () => {
    const { device, simulator, reader } = await setUp();
    expect(reader.state).toBe('ready');
    simulator.place(SAMPLE_CARDS.resident);
    expect(await reader.readCard({ timeoutMs: 2000 })).toEqual(SAMPLE_CARDS.resident);
    // Commands fit one report: [report id 0, length 10, the frame …]; acknowledgements are 0xFF reports.
    const find = device().writes.find((w) => w[1] === 10 && w[9] === 0x20 && w[10] === 0x01);
    expect(find?.slice(0, 12)).toEqual([0, 10, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22]);
    // The 1295-byte read reply came in 21 reports of at most 63 bytes, each acknowledged by the host.
    expect(device().writes.filter((w) => w[1] === 0xff).length).toBeGreaterThanOrEqual(21);
    await reader.stop();
  });

  it('tells a bank card apart, and survives the device being unplugged and plugged back', async () => {
    const { device, simulator, reader, replug } = await setUp();
    simulator.place('not-an-id-card');
    await expect(reader.readCard({ timeoutMs: 1000 })).rejects.toMatchObject({ code: 'not-an-id-card' });
    const states: string[] = [];
    reader.on('state', (state) => states.push(state));
    device().unplug();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reader.state).toBe('disconnected');
    const again = await replug();
    again.place(SAMPLE_CARDS.foreignPermanent2023);
    expect((await reader.readCard({ timeoutMs: 3000 })).cardType).toBe('foreign-permanent-2023');
    expect(states).toEqual(['disconnected', 'ready']);
    await reader.stop();
  });
});
