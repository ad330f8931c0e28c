import { stat } from 'node:fs/promises';

/** The device a path names now (its device number), or null when the path is gone. */
export const deviceAt = async (path: string): Promise<number | null> => {
  try {
    return (await stat(path)).rdev;
  } catch {
    return null;
  }
};

/**
 * Calls `onGone` once the path no longer names the device that was opened: an idle line does not notice an
 * unplugged adapter (or a replaced pseudo-terminal) until it writes. Returns the function that stops watching.
 */
export const watchPresence = async (path: string, intervalMs: number, onGone: () => void): Promise<() => void> => {
  const opened = await deviceAt(path);
  const timer = setInterval(() => {
    void deviceAt(path).then((now) => {
      if (now !== opened) onGone();
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};
