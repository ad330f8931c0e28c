import { SerialPort } from 'serialport';
import { watchPresence } from './device-presence.ts';
import { openFailure } from './open-failure.ts';
import { ReconnectingTransport, type Connection, type ConnectionSink, type ReconnectOptions } from './reconnecting-transport.ts';

export interface SerialTransportOptions extends ReconnectOptions {
  path: string;
  baudRate: number;
  /**
   * How often to check that the path still names the device that was opened. An idle line does not notice
   * an unplugged adapter (or a replaced pseudo-terminal) until it writes; this notices within the interval.
   */
  presenceCheckMs?: number;
}


/** A serial port (RS-232, TTL, USB-CDC bridges, pseudo-terminals) at 8N1 without flow control. */
export class SerialTransport extends ReconnectingTransport {
  readonly description: string;
  readonly #options: SerialTransportOptions;

  constructor(options: SerialTransportOptions) {
    super(options);
    this.#options = options;
    this.description = `serial ${options.path} @${options.baudRate}`;
  }

  protected async connect(sink: ConnectionSink): Promise<Connection> {
    const port = new SerialPort({
      path: this.#options.path,
      baudRate: this.#options.baudRate,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      rtscts: false,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(openFailure(error, this.#options.path)) : resolve())));
    const stopWatching = await watchPresence(this.#options.path, this.#options.presenceCheckMs ?? 1000, () =>
      lose(new Error(`${this.description} is no longer there`)),
    );
    // A write in progress when the line goes may never call back: it fails with the loss instead.
    const pendingWrites = new Set<(error: Error) => void>();
    const lose = (error: Error) => {
      stopWatching();
      for (const fail of pendingWrites) fail(error);
      pendingWrites.clear();
      sink.lost(error);
      if (port.isOpen) port.close(() => undefined);
    };
    port.on('data', (chunk: Buffer) => sink.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
    port.on('error', (error) => lose(error));
    port.on('close', () => lose(new Error(`${this.description} closed`)));
    return {
      write: (bytes) =>
        new Promise<void>((resolve, reject) => {
          const settle = (error: Error | null | undefined) => {
            pendingWrites.delete(reject);
            if (error) reject(error);
            else resolve();
          };
          pendingWrites.add(reject);
          port.write(Buffer.from(bytes), (error) => {
            if (error) settle(error);
            else port.drain((drainError) => settle(drainError));
          });
        }),
      close: () =>
        new Promise<void>((resolve) => {
          stopWatching();
          port.removeAllListeners('close');
          if (!port.isOpen) return resolve();
          port.close(() => resolve());
        }),
    };
  }
}
