import type { Quad } from './page-straightening.ts';

/** What the host asks of the page worker, and what it answers (structured-cloned across the thread boundary). */
export type PageJob =
  | { id: number; kind: 'detect'; image: Uint8Array }
  | {
      id: number;
      kind: 'process';
      image: Uint8Array;
      dpi: number;
      /** color: keep colour; gray: grey; auto: colour when it has red marks, else cleaned to black and white. */
      colour: 'color' | 'gray' | 'auto';
      maxPageBytes: number;
      /** A camera frame must show a whole sheet; a sheet scanner's page is the sheet already. */
      requirePage: boolean;
    };

export type PageJobResult =
  | { id: number; kind: 'detected'; width: number; height: number; quad: Quad | null }
  | { id: number; kind: 'page'; jpeg: Uint8Array; width: number; height: number; colour: boolean; straightened: boolean }
  | { id: number; kind: 'no-page' }
  | { id: number; kind: 'oversized' }
  | { id: number; kind: 'failed'; message: string };
