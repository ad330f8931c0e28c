import { parentPort } from 'node:worker_threads';
import { loadOpenCv } from './opencv.ts';
import { decodeImage, encodeJpeg, type RgbaImage } from './page-image.ts';
import { blackAndWhite, findPage, hasRedMarks, straightenPage, type Quad } from './page-straightening.ts';
import type { PageJob, PageJobResult } from './page-jobs.ts';

/**
 * The page processor's worker thread: OpenCV and the codecs run here, off the host's event loop (a page takes a few
 * hundred milliseconds), one job at a time, each answered by its id.
 */
const port = parentPort;
if (port === null) throw new Error('page-worker.ts runs as a worker thread');

/** Pages stay under their size limit by giving up JPEG quality, down to a floor where text still reads. */
const QUALITIES = [85, 72, 60, 50];

const run = async (job: PageJob): Promise<PageJobResult> => {
  const { cv } = await loadOpenCv();
  const image = await decodeImage(job.image);
  if (job.kind === 'detect') {
    const quad = findPage(cv, image);
    return { id: job.id, kind: 'detected', width: image.width, height: image.height, quad };
  }
  const quad: Quad | null = findPage(cv, image);
  if (quad === null && job.requirePage) return { id: job.id, kind: 'no-page' };
  let page: RgbaImage = quad === null ? image : straightenPage(cv, image, quad, job.dpi);
  const colour = job.colour === 'color' || (job.colour === 'auto' && hasRedMarks(page));
  if (!colour && job.colour === 'auto') page = blackAndWhite(cv, page);
  for (const quality of QUALITIES) {
    const jpeg = await encodeJpeg(page, quality, !colour);
    if (jpeg.length <= job.maxPageBytes) return { id: job.id, kind: 'page', jpeg, width: page.width, height: page.height, colour, straightened: quad !== null };
  }
  return { id: job.id, kind: 'oversized' };
};

port.on('message', (job: PageJob) => {
  run(job).then(
    (result) => port.postMessage(result),
    (error: unknown) => port.postMessage({ id: job.id, kind: 'failed', message: (error as Error).message } satisfies PageJobResult),
  );
});
