import type CV from '@techstark/opencv-js';

/**
 * OpenCV (the official opencv.js build, WebAssembly) for page geometry, loaded once, on first use: a terminal that
 * never scans never pays for it (a few hundred milliseconds and some 30 MB).
 *
 * The module travels wrapped ({ cv }): Emscripten modules are thenables that resolve to themselves, so awaiting one,
 * or returning one from a promise callback, never settles.
 */
export type OpenCv = typeof CV;

let loading: Promise<{ cv: OpenCv }> | null = null;

export const loadOpenCv = (): Promise<{ cv: OpenCv }> => {
  loading ??= (async () => {
    const module = (await import('@techstark/opencv-js')) as unknown as { default: OpenCv };
    const cv = module.default;
    if (typeof cv.Mat !== 'function') {
      await new Promise<void>((resolve) => {
        cv.onRuntimeInitialized = () => resolve();
      });
    }
    return { cv };
  })();
  return loading;
};
