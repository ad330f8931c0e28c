import type { StrokeLibrary } from './handwriting/handwriting-matcher.ts';
import { strokeLibraryFrom } from './handwriting/stroke-library-file.ts';
import { STROKE_POINTS } from './handwriting/stroke-shape.ts';
import { loadedOnce, useLoadedOnce } from './use-loaded-once.ts';

/** From the kiosk's own files (dist/renderer/handwriting/strokes.json, made by the build), once for the page. */
const load = loadedOnce(() =>
  fetch(new URL('handwriting/strokes.json', document.baseURI))
    .then((response) => {
      if (!response.ok) throw new Error(`stroke library: ${response.status}`);
      return response.json() as Promise<unknown>;
    })
    .then((file) => strokeLibraryFrom(file, STROKE_POINTS)),
);

/** The handwriting stroke library once `wanted` (a keyboard shows the handwriting pad); null until it has loaded. */
export const useStrokeLibrary = (wanted: boolean): StrokeLibrary | null => useLoadedOnce(wanted, load);
