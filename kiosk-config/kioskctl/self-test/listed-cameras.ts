import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A video device as Linux lists it: /dev/video0 and its name ("Doccamera: Doccamera"). */
export interface ListedCamera {
  device: string;
  name: string;
}

const VIDEO4LINUX = '/sys/class/video4linux';

/** The video devices the kernel lists (none where there is no V4L2 camera, or no /sys: another OS). */
export const listedCameras = async (root = VIDEO4LINUX): Promise<ListedCamera[]> => {
  let entries: string[];
  try {
    entries = (await readdir(root)).filter((entry) => entry.startsWith('video')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    entries.map(async (entry) => ({ device: `/dev/${entry}`, name: (await readFile(path.join(root, entry, 'name'), 'utf8').catch(() => '')).trim() })),
  );
};
