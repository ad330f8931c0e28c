import { fitWithin, inkBounds, type InkStroke } from './signature-ink.ts';

/** Draws strokes with round ends and joins, so a tap shows as a dot and fast curves stay smooth. */
export const drawInk = (context: CanvasRenderingContext2D, strokes: readonly InkStroke[], inkWidth: number) => {
  context.lineWidth = inkWidth;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (first === undefined) continue;
    context.beginPath();
    context.moveTo(first.x, first.y);
    for (const point of rest.length === 0 ? [first] : rest) context.lineTo(point.x, point.y);
    context.stroke();
  }
};

/**
 * The signature as a PNG data URL: cut to the ink and scaled down to fit 800×300. Black ink on white whatever
 * the screen's theme: it is a document for a case file and for printing, not part of the kiosk's look.
 */
export const signaturePng = (strokes: readonly InkStroke[], inkWidth: number): string => {
  const bounds = inkBounds(strokes, inkWidth);
  if (bounds === null) throw new Error('no ink to make a signature of');
  const size = fitWithin(bounds.width, bounds.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2d canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size.width, size.height);
  context.strokeStyle = '#000000';
  context.setTransform(size.scale, 0, 0, size.scale, -bounds.left * size.scale, -bounds.top * size.scale);
  drawInk(context, strokes, inkWidth);
  return canvas.toDataURL('image/png');
};
