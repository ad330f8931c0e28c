import type { IdCardSamSimulator } from './idcard-sam-simulator.ts';
import { SAMPLE_CARDS } from './sample-cards.ts';

/**
 * Keys a presenter or a trainee presses to act on a simulated reader: place one of the sample cards, a bank
 * card, take the card away, or make the reader misbehave.
 */
export const IDCARD_DEMO_KEYS: ReadonlyArray<{ key: string; says: string; act: (simulator: IdCardSamSimulator) => void }> = [
  { key: '1', says: 'placed: resident card 王测试', act: (s) => s.place(SAMPLE_CARDS.resident) },
  { key: '2', says: 'placed: resident card 李长期 (valid long-term)', act: (s) => s.place(SAMPLE_CARDS.residentLongTerm) },
  { key: '3', says: 'placed: HK/Macao/Taiwan residence permit 陈样本', act: (s) => s.place(SAMPLE_CARDS.hkMoTw) },
  { key: '4', says: 'placed: foreign permanent resident card (2017)', act: (s) => s.place(SAMPLE_CARDS.foreignPermanent) },
  { key: '5', says: 'placed: foreign permanent resident card (2023)', act: (s) => s.place(SAMPLE_CARDS.foreignPermanent2023) },
  { key: '6', says: 'placed: a bank card (not an ID card)', act: (s) => s.place('not-an-id-card') },
  { key: '0', says: 'card taken away', act: (s) => s.remove() },
  { key: 'f', says: 'the next read fails once (card moved)', act: (s) => s.setFaults({ readFailures: 1 }) },
  { key: 's', says: 'reader silent (not responding) until r', act: (s) => s.setFaults({ silent: true }) },
  { key: 'r', says: 'reader back to normal', act: (s) => s.clearFaults() },
];

export const idcardDemoHelp = (): string =>
  `simulated ID card reader — press: ${IDCARD_DEMO_KEYS.map(({ key, says }) => `${key} ${says.replace(/^placed: /, '')}`).join(' · ')}`;

/**
 * Reads keys from a terminal (one key at a time when it is a TTY, else one per line) and acts on the
 * simulator; Ctrl+C still interrupts. Returns a function that stops listening.
 */
export const attachIdcardDemoControl = (
  simulator: IdCardSamSimulator,
  input: NodeJS.ReadStream,
  say: (line: string) => void,
): (() => void) => {
  const onData = (chunk: Buffer) => {
    for (const char of chunk.toString()) {
      if (char === '\u0003') {
        process.kill(process.pid, 'SIGINT');
        return;
      }
      const action = IDCARD_DEMO_KEYS.find(({ key }) => key === char.toLowerCase());
      if (action === undefined) continue;
      action.act(simulator);
      say(`ID card reader: ${action.says}`);
    }
  };
  if (input.isTTY) input.setRawMode(true);
  input.on('data', onData);
  input.resume();
  return () => {
    input.off('data', onData);
    if (input.isTTY) input.setRawMode(false);
    input.pause();
  };
};
