import type { Quad } from '../../main/documents/page-straightening.ts';
import type { RgbaImage } from '../../main/documents/page-image.ts';

/**
 * A document as a 高拍仪 sees it, made by the test suite: an A4 page (white, thirteen lines of "text" as black bars,
 * optionally a red seal) lying skewed and in perspective on a dark desk. `corners` says where its corners are.
 */
export const PAGE = { width: 620, height: 877, lines: 13, lineTop: 120, lineGap: 50, lineHeight: 12, left: 60, right: 560 } as const;
export const SKEWED_CORNERS: Quad = [
  [400, 80],
  [880, 170],
  [790, 900],
  [290, 800],
];

/** The homography taking four points to four points (solved directly: 8 equations, Gaussian elimination). */
const homography = (from: Quad, to: Quad): number[] => {
  const rows: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const [x, y] = from[i] ?? [0, 0];
    const [u, v] = to[i] ?? [0, 0];
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < 8; row += 1) if (Math.abs(rows[row]?.[col] ?? 0) > Math.abs(rows[pivot]?.[col] ?? 0)) pivot = row;
    [rows[col], rows[pivot]] = [rows[pivot] as number[], rows[col] as number[]];
    const lead = rows[col] as number[];
    for (let row = 0; row < 8; row += 1) {
      if (row === col) continue;
      const target = rows[row] as number[];
      const factor = (target[col] ?? 0) / (lead[col] ?? 1);
      for (let k = col; k < 9; k += 1) target[k] = (target[k] ?? 0) - factor * (lead[k] ?? 0);
    }
  }
  return [...rows.map((row, i) => (row[8] ?? 0) / (row[i] ?? 1)), 1];
};

/** The page's colour at a point of the page (its own pixels): paper, a text line, or the seal's ring. */
const pageColour = (x: number, y: number, seal: boolean): readonly [number, number, number] => {
  const line = Math.floor((y - PAGE.lineTop) / PAGE.lineGap);
  if (x >= PAGE.left && x <= PAGE.right && line >= 0 && line < PAGE.lines && y - PAGE.lineTop - line * PAGE.lineGap <= PAGE.lineHeight) return [20, 20, 20];
  if (seal && Math.abs(Math.hypot(x - 470, y - 780) - 55) <= 4) return [220, 30, 30];
  return [250, 250, 248];
};

/** The frame (RGBA): every pixel looked up on the page through the inverse mapping, or the desk. */
export const skewedDocumentFrame = (options: { width?: number; height?: number; seal?: boolean; corners?: Quad } = {}): RgbaImage => {
  const width = options.width ?? 1280;
  const height = options.height ?? 960;
  const seal = options.seal ?? true;
  const toPage = homography(options.corners ?? SKEWED_CORNERS, [
    [0, 0],
    [PAGE.width, 0],
    [PAGE.width, PAGE.height],
    [0, PAGE.height],
  ]);
  const [a, b, c, d, e, f, g, h] = toPage as [number, number, number, number, number, number, number, number];
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const w = g * x + h * y + 1;
      const u = (a * x + b * y + c) / w;
      const v = (d * x + e * y + f) / w;
      const [r, gr, bl] = u >= 0 && u < PAGE.width && v >= 0 && v < PAGE.height ? pageColour(u, v, seal) : ([45, 40, 38] as const);
      const at = (y * width + x) * 4;
      data[at] = r;
      data[at + 1] = gr;
      data[at + 2] = bl;
      data[at + 3] = 255;
    }
  }
  return { width, height, data };
};

/**
 * How straight and how cropped a processed page is, measured on its pixels: where the first text line's top edge
 * is at a fifth and at four fifths of the width (equal on a straight page), and how bright the corners are (the
 * desk left in a corner makes it dark).
 */
export const measurePage = (image: RgbaImage) => {
  const brightness = (x: number, y: number) => {
    const at = (Math.round(y) * image.width + Math.round(x)) * 4;
    return ((image.data[at] ?? 0) + (image.data[at + 1] ?? 0) + (image.data[at + 2] ?? 0)) / 3;
  };
  const firstDarkRow = (x: number) => {
    for (let y = Math.round(image.height * 0.05); y < image.height; y += 1) if (brightness(x, y) < 100) return y;
    return -1;
  };
  const left = firstDarkRow(image.width * 0.2);
  const right = firstDarkRow(image.width * 0.8);
  const inset = 0.02;
  const corners = [
    [inset, inset],
    [1 - inset, inset],
    [1 - inset, 1 - inset],
    [inset, 1 - inset],
  ].map(([fx, fy]) => brightness((fx ?? 0) * image.width, (fy ?? 0) * image.height));
  return {
    /** Top of the first line at 20 % and 80 % of the width, as a fraction of the height. */
    lineTopLeft: left / image.height,
    lineTopRight: right / image.height,
    /** Skew in degrees, from the two measurements. */
    skewDegrees: (Math.atan2(right - left, image.width * 0.6) * 180) / Math.PI,
    darkestCorner: Math.min(...corners),
  };
};

/** Frames as a YUV4MPEG2 (4:2:0) video, which Chromium plays as a fake camera (--use-file-for-fake-video-capture). */
export const y4mVideo = (frame: RgbaImage, count: number): Buffer => {
  const { width, height, data } = frame;
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const planes = Buffer.alloc(ySize + cSize * 2);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4;
      const r = data[at] ?? 0;
      const g = data[at + 1] ?? 0;
      const b = data[at + 2] ?? 0;
      planes[y * width + x] = Math.round(0.257 * r + 0.504 * g + 0.098 * b + 16);
      if (y % 2 === 0 && x % 2 === 0) {
        const c = (y / 2) * (width / 2) + x / 2;
        planes[ySize + c] = Math.round(-0.148 * r - 0.291 * g + 0.439 * b + 128);
        planes[ySize + cSize + c] = Math.round(0.439 * r - 0.368 * g - 0.071 * b + 128);
      }
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = Buffer.from('FRAME\n');
  return Buffer.concat([header, ...Array.from({ length: count }, () => [frameHeader, planes]).flat()]);
};
