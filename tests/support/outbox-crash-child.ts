import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { systemClock } from '../../main/common/clock.ts';
import { OutboxCourier } from '../../main/cases/outbox-courier.ts';
import { Outbox } from '../../main/cases/outbox.ts';
import { PayloadSeal } from '../../main/cases/sealed-payload.ts';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import { loadTerminalIdentity } from '../../main/platform/terminal-identity.ts';
import { fileDataKeyStore } from '../../main/storage/data-key.ts';

/**
 * The terminal's submitting side as its own process, for the crash test: `node outbox-crash-child.ts <data dir>
 * <platform url> <count> <task code> <case body template>`. Submits cases 1..count as citizens would (each draft once:
 * a draft already committed is not committed again after a restart), delivering as it goes; prints "ready" once
 * set up, "committed <n>" after each commit and "done" when the platform has decided every case.
 */
const [dataDir, url, countText, template] = process.argv.slice(2);
if (dataDir === undefined || url === undefined || countText === undefined || template === undefined) throw new Error('usage: outbox-crash-child.ts <dir> <url> <count> <template>');
const count = Number(countText);
const identity = loadTerminalIdentity(dataDir, 'CRASH-310115-0001');
const outbox = new Outbox({ file: path.join(dataDir, 'outbox.sqlite'), seal: new PayloadSeal(fileDataKeyStore(path.join(dataDir, 'keys', 'outbox.key')).load()), referencePrefix: 'CRASH-' });
const courier = new OutboxCourier({
  outbox,
  platform: new HttpPlatformAdapter({ baseUrl: url, timeoutMs: 2000, signer: identity }),
  clock: systemClock,
  baseBackoffMs: 20,
  maxBackoffMs: 200,
});
courier.start();
// The parent times its kill from here, so a slow start on a loaded machine does not eat the run.
process.stdout.write('ready\n');
const body = JSON.parse(template) as { localReference: string; submittedAt: string };
for (let i = 1; i <= count; i += 1) {
  const draftId = `draft-${i}`;
  const entry = outbox.enqueue(
    {
      kind: 'case',
      draftId,
      idempotencyKey: randomUUID(),
      body: JSON.stringify({ ...body, localReference: draftId, submittedAt: new Date().toISOString() }),
      summary: { itemNames: ['crash test'], taskCodes: [], bundleCode: null },
    },
    Date.now(),
  );
  process.stdout.write(`committed ${entry.id}\n`);
  courier.kick();
  // Citizens come one after another, not all at once.
  await new Promise((resolve) => setTimeout(resolve, 2));
}
while (outbox.counts().queued + outbox.counts().sending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
await courier.stop();
process.stdout.write(`done ${JSON.stringify(outbox.counts())}\n`);
outbox.close();
