import type { SerialScannerSimulator } from './serial-scanner-simulator.ts';

/** Keys that make the simulated scanner read something: a sample receipt's QR, or a code that is no receipt. */
export const scannerDemoKeys = (trackingUrl: string): ReadonlyArray<{ key: string; says: string; code: string }> => [
  { key: 'q', says: 'scanned: the receipt of case SH310115202611180007', code: `${trackingUrl}SH310115202611180007` },
  { key: 'w', says: 'scanned: the receipt of case SH310115202609300456', code: `${trackingUrl}SH310115202609300456` },
  { key: 'e', says: 'scanned: a code that is not a receipt', code: 'https://example.com/not-a-receipt' },
];

/** Plays the simulated scanner from the terminal's keys (alongside the reader's keys). */
export const attachScannerDemoControl = (
  scanner: SerialScannerSimulator,
  trackingUrl: string,
  input: NodeJS.ReadStream,
  say: (line: string) => void,
): (() => void) => {
  const keys = scannerDemoKeys(trackingUrl);
  const onData = (chunk: Buffer) => {
    for (const char of chunk.toString()) {
      const action = keys.find(({ key }) => key === char.toLowerCase());
      if (action === undefined) continue;
      void scanner.scan(action.code).then(() => say(`scanner: ${action.says}`));
    }
  };
  input.on('data', onData);
  input.resume();
  say(`simulated QR scanner — press: ${keys.map(({ key, says }) => `${key} ${says.replace(/^scanned: /, '')}`).join(' · ')}`);
  return () => void input.off('data', onData);
};
