import { PNG } from 'pngjs';

/** A signature as the signature pad hands it over: a PNG data URL with a dark stroke across it. */
export const drawnSignature = (width = 400, height = 150): string => {
  const png = new PNG({ width, height });
  png.data.fill(255);
  for (let x = 20; x < width - 20; x += 1) {
    const y = Math.round(height / 2 + Math.sin(x / 15) * (height / 4));
    for (let dy = -2; dy <= 2; dy += 1) {
      const at = ((y + dy) * width + x) * 4;
      png.data[at] = 0;
      png.data[at + 1] = 0;
      png.data[at + 2] = 0;
    }
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
};
