import { useEffect, useState } from 'react';
import type { StrokeLibrary } from './handwriting/handwriting-matcher.ts';
import { strokeLibraryFrom } from './handwriting/stroke-library-file.ts';
import { STROKE_POINTS } from './handwriting/stroke-shape.ts';

let loading: Promise<StrokeLibrary> | null = null;
/** From the kiosk's own files (dist/renderer/handwriting/strokes.json, made by the build), once for the page. */
const load = () =>
  (loading ??= fetch(new URL('handwriting/strokes.json', document.baseURI))
    .then((response) => {
      if (!response.ok) throw new Error(`stroke library: ${response.status}`);
      return response.json() as Promise<unknown>;
    })
    .then((file) => strokeLibraryFrom(file, STROKE_POINTS)));

/** The handwriting stroke library once `wanted` (a keyboard shows the handwriting pad); null until it has loaded. */
export const useStrokeLibrary = (wanted: boolean): StrokeLibrary | null => {
  const [library, setLibrary] = useState<StrokeLibrary | null>(null);
  useEffect(() => {
    if (!wanted || library !== null) return;
    let current = true;
    load().then(
      (loaded) => current && setLibrary(loaded),
      // Tried again the next time the pad opens.
      () => (loading = null),
    );
    return () => {
      current = false;
    };
  }, [wanted, library]);
  return library;
};
