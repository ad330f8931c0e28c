import type { OpenCv } from './opencv.ts';
import type { RgbaImage } from './page-image.ts';

/**
 * Page geometry for captured documents (scanners.md §2.1: auto-crop and deskew on camera frames, done with OpenCV):
 * find the sheet's four corners, warp it to an upright A4 at the configured dpi (perspective correction, crop and
 * deskew in one step), tell whether it carries red (seals, red headers — DA/T 31: keep those in colour), and
 * optionally clean a plain page to black and white.
 */
export type Point = readonly [x: number, y: number];
/** Corners clockwise from top-left, in the image's pixels. */
export type Quad = readonly [Point, Point, Point, Point];

const A4_INCHES = { short: 8.27, long: 11.69 };
/** Detection runs on a copy at most this wide: corners need no more, and it keeps a frame under ~50 ms. */
const DETECTION_WIDTH = 800;

/** Orders four points clockwise from the top-left (smallest x+y), whatever order the contour gave them in. */
const ordered = (points: Point[]): Quad => {
  const bySum = [...points].sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
  const byDiff = [...points].sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
  return [bySum[0] as Point, byDiff[0] as Point, bySum[3] as Point, byDiff[3] as Point];
};

const area = (quad: Quad): number => {
  let sum = 0;
  for (let i = 0; i < 4; i += 1) {
    const [x1, y1] = quad[i] as Point;
    const [x2, y2] = quad[(i + 1) % 4] as Point;
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
};

const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** The image as an OpenCV matrix (a copy, in OpenCV's heap; the caller deletes it). */
const matOf = (cv: OpenCv, image: RgbaImage) => {
  const mat = new cv.Mat(image.height, image.width, cv.CV_8UC4);
  mat.data.set(image.data);
  return mat;
};

/**
 * The sheet's corners: the largest convex four-cornered outline covering at least a fifth of the image, or null
 * (no sheet in view, or one cut off by the frame's edge).
 */
export const findPage = (cv: OpenCv, image: RgbaImage): Quad | null => {
  const scale = Math.min(1, DETECTION_WIDTH / image.width);
  const source = matOf(cv, image);
  const small = new cv.Mat();
  const gray = new cv.Mat();
  const edges = new cv.Mat();
  const contours = new cv.MatVector();
  const hierarchy = new cv.Mat();
  try {
    cv.resize(source, small, new cv.Size(Math.round(image.width * scale), Math.round(image.height * scale)), 0, 0, cv.INTER_AREA);
    cv.cvtColor(small, gray, cv.COLOR_RGBA2GRAY);
    cv.GaussianBlur(gray, gray, new cv.Size(5, 5), 0);
    cv.Canny(gray, edges, 50, 150);
    const kernel = cv.Mat.ones(3, 3, cv.CV_8U);
    cv.dilate(edges, edges, kernel);
    kernel.delete();
    cv.findContours(edges, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
    let best: Quad | null = null;
    const minimum = small.cols * small.rows * 0.2;
    // The typings say Size; opencv.js returns the count.
    const count = contours.size() as unknown as number;
    for (let i = 0; i < count; i += 1) {
      const contour = contours.get(i);
      const approx = new cv.Mat();
      cv.approxPolyDP(contour, approx, 0.02 * cv.arcLength(contour, true), true);
      if (approx.rows === 4 && cv.isContourConvex(approx)) {
        const points: Point[] = [];
        for (let p = 0; p < 4; p += 1) points.push([(approx.data32S[p * 2] ?? 0) / scale, (approx.data32S[p * 2 + 1] ?? 0) / scale]);
        const quad = ordered(points);
        if (area(quad) * scale * scale >= minimum && (best === null || area(quad) > area(best))) best = quad;
      }
      approx.delete();
      contour.delete();
    }
    return best;
  } finally {
    for (const mat of [source, small, gray, edges, hierarchy]) mat.delete();
    contours.delete();
  }
};

/** The A4 size in pixels at a dpi, upright or landscape as the sheet lies. */
export const a4Pixels = (dpi: number, landscape: boolean): { width: number; height: number } => {
  const short = Math.round(A4_INCHES.short * dpi);
  const long = Math.round(A4_INCHES.long * dpi);
  return landscape ? { width: long, height: short } : { width: short, height: long };
};

/** The sheet inside `quad`, warped upright to A4 at `dpi` (portrait unless the sheet is wider than tall). */
export const straightenPage = (cv: OpenCv, image: RgbaImage, quad: Quad, dpi: number): RgbaImage => {
  const [tl, tr, br, bl] = quad;
  const landscape = (distance(tl, tr) + distance(bl, br)) / 2 > (distance(tl, bl) + distance(tr, br)) / 2;
  const size = a4Pixels(dpi, landscape);
  const source = matOf(cv, image);
  const from = cv.matFromArray(4, 1, cv.CV_32FC2, quad.flat());
  const to = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, size.width, 0, size.width, size.height, 0, size.height]);
  const transform = cv.getPerspectiveTransform(from, to);
  const out = new cv.Mat();
  try {
    cv.warpPerspective(source, out, transform, new cv.Size(size.width, size.height), cv.INTER_LINEAR, cv.BORDER_REPLICATE);
    return { width: out.cols, height: out.rows, data: new Uint8Array(out.data) };
  } finally {
    for (const mat of [source, from, to, transform, out]) mat.delete();
  }
};

/**
 * Whether the page carries red marks (seals, red headers): more than 0.2 % of its pixels strongly red. Such pages
 * stay in colour; the rest may be cleaned to black and white.
 */
export const hasRedMarks = (image: RgbaImage): boolean => {
  let red = 0;
  const { data } = image;
  // Every fourth pixel is plenty for a proportion.
  for (let i = 0; i < data.length; i += 16) {
    const r = data[i] ?? 0;
    const g = data[i + 1] ?? 0;
    const b = data[i + 2] ?? 0;
    if (r > 120 && r > g * 1.6 && r > b * 1.6) red += 1;
  }
  return red / (data.length / 16) > 0.002;
};

/** A plain text page as clean black on white (adaptive threshold: uneven light and shadows do not blacken it). */
export const blackAndWhite = (cv: OpenCv, image: RgbaImage): RgbaImage => {
  const source = matOf(cv, image);
  const gray = new cv.Mat();
  const out = new cv.Mat();
  try {
    cv.cvtColor(source, gray, cv.COLOR_RGBA2GRAY);
    const block = Math.max(15, Math.round(image.width / 40) | 1);
    cv.adaptiveThreshold(gray, gray, 255, cv.ADAPTIVE_THRESH_GAUSSIAN_C, cv.THRESH_BINARY, block, 15);
    cv.cvtColor(gray, out, cv.COLOR_GRAY2RGBA);
    return { width: out.cols, height: out.rows, data: new Uint8Array(out.data) };
  } finally {
    for (const mat of [source, gray, out]) mat.delete();
  }
};
