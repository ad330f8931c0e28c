import { getSystemErrorMessage } from 'node:util';

/**
 * Why a device would not open, said once: "cannot open /dev/ttyUSB0: No such file or directory", the operating
 * system's own short sentence after the path. serialport's own message repeats itself ("Error: No such file or
 * directory, cannot open /dev/ttyUSB0"), Node's fs prefixes the code and appends the path ("ENOENT: no such file or
 * directory, open '/dev/usb/lp0'"). The device's health reason, and kioskctl, say this line as it is.
 */
/** libuv says "no such file or directory", the C library "No such file or directory": one way, the latter. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const openFailure = (error: unknown, path: string): Error => {
  const errno = (error as NodeJS.ErrnoException | null)?.errno;
  if (typeof errno === 'number' && errno < 0) return new Error(`cannot open ${path}: ${sentence(getSystemErrorMessage(errno))}`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`cannot open ${path}: ${message.replace(/^Error:? /, '').replace(/, cannot open .*$/, '')}`, { cause: error });
};
