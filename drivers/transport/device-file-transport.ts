import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { openFailure } from './open-failure.ts';
import { watchPresence } from './device-presence.ts';
import { ReconnectingTransport, type Connection, type ConnectionSink, type ReconnectOptions } from './reconnecting-transport.ts';

export interface DeviceFileTransportOptions extends ReconnectOptions {
  /** A character device such as /dev/usb/lp0 (USB printer class; bidirectional printers answer on reads). */
  path: string;
  /** How often to check that the path still names the device that was opened (unplug detection). */
  presenceCheckMs?: number;
}

/**
 * A device file opened for reading and writing: USB printers through the kernel's usblp driver. Reads are polled
 * (every 20 ms while idle) for status replies; a read or write error, or the file vanishing, is a loss and the
 * transport reconnects.
 */
export class DeviceFileTransport extends ReconnectingTransport {
  readonly description: string;
  readonly #options: DeviceFileTransportOptions;

  constructor(options: DeviceFileTransportOptions) {
    super(options);
    this.#options = options;
    this.description = `device ${options.path}`;
  }

  protected async connect(sink: ConnectionSink): Promise<Connection> {
    // Non-blocking: a blocking read would hold a thread-pool thread until the device speaks, and close() would wait for it.
    let handle: FileHandle;
    try {
      handle = await open(this.#options.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (error) {
      throw openFailure(error, this.#options.path);
    }
    let closed = false;
    let stopWatching: () => void = () => undefined;
    const lose = (error: Error) => {
      if (closed) return;
      closed = true;
      stopWatching();
      sink.lost(error);
      void handle.close().catch(() => undefined);
    };
    stopWatching = await watchPresence(this.#options.path, this.#options.presenceCheckMs ?? 1000, () =>
      lose(new Error(`${this.description} is no longer there`)),
    );
    void (async () => {
      const buffer = new Uint8Array(512);
      while (!closed) {
        try {
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
          if (bytesRead > 0) sink.data(buffer.slice(0, bytesRead));
          else await new Promise((resolve) => setTimeout(resolve, 20));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EAGAIN') await new Promise((resolve) => setTimeout(resolve, 20));
          else lose(error as Error);
        }
      }
    })();
    return {
      // A non-blocking write may take part of the bytes, or none (EAGAIN) while the device's buffer is full.
      write: async (bytes) => {
        let at = 0;
        while (at < bytes.length) {
          if (closed) throw new Error(`${this.description} is closed`);
          try {
            const { bytesWritten } = await handle.write(bytes, at, bytes.length - at, null);
            at += bytesWritten;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
              await new Promise((resolve) => setTimeout(resolve, 10));
              continue;
            }
            lose(error as Error);
            throw error;
          }
        }
      },
      close: async () => {
        closed = true;
        stopWatching();
        await handle.close().catch(() => undefined);
      },
    };
  }
}
