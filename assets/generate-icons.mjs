// Generates the app icon and the tray images as PNGs with no dependency but zlib. Run once by hand
// (`node assets/generate-icons.mjs`); the PNGs are committed. The glyph is a key: a ring and a
// shaft with two teeth.
// - icon.png, 512 px: electron-builder's one source for every platform (macOS's .icns needs at
//   least 512 px; Windows' .ico and Linux's icon set are scaled down from it).
// - trayTemplate(@2x).png, 16/32 px: black with alpha, the macOS "Template" convention (the OS
//   tints them for light and dark menu bars).
// - tray(@2x).png, 16/32 px: coloured, for Linux and Windows, whose trays do not tint images and
//   may be light or dark: the app icon's orange square carries the key on either.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Shapes in a unit square (0..1), as "is this point inside" tests.
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
function inRoundedSquare(x, y, margin, radius) {
  const cx = Math.min(Math.max(x, margin + radius), 1 - margin - radius);
  const cy = Math.min(Math.max(y, margin + radius), 1 - margin - radius);
  return inRect(x, y, margin, margin, 1 - margin, 1 - margin) && Math.hypot(x - cx, y - cy) <= radius;
}
function inKey(x, y) {
  const d = Math.hypot(x - 0.33, y - 0.5);
  const ring = d <= 0.2 && d >= 0.1;
  const shaft = inRect(x, y, 0.5, 0.45, 0.86, 0.55);
  const teeth = inRect(x, y, 0.72, 0.55, 0.78, 0.68) || inRect(x, y, 0.8, 0.55, 0.86, 0.64);
  return ring || shaft || teeth;
}

/** Renders with 4×4 supersampling; paint(x, y) returns [r, g, b, a] or null. */
function render(size, paint) {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const color = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!color) continue;
          // Premultiplied accumulation, so edges blend without dark fringes.
          acc[0] += color[0] * color[3];
          acc[1] += color[1] * color[3];
          acc[2] += color[2] * color[3];
          acc[3] += color[3];
        }
      }
      const i = (py * size + px) * 4;
      const alpha = acc[3] / (n * n);
      out[i] = acc[3] ? Math.round(acc[0] / acc[3]) : 0;
      out[i + 1] = acc[3] ? Math.round(acc[1] / acc[3]) : 0;
      out[i + 2] = acc[3] ? Math.round(acc[2] / acc[3]) : 0;
      out[i + 3] = Math.round(alpha);
    }
  }
  return out;
}

/** The app's tile: the key in white on a rounded square with a vertical orange gradient. */
const tile = (margin, radius) => (x, y) => {
  if (!inRoundedSquare(x, y, margin, radius)) return null;
  if (inKey(x, y)) return [255, 255, 255, 255];
  // Vertical gradient from the UI's accent orange to a lighter one.
  const t = y;
  return [Math.round(0xc2 + (0xfb - 0xc2) * (1 - t)), Math.round(0x41 + (0x92 - 0x41) * (1 - t)), Math.round(0x0c + (0x3c - 0x0c) * (1 - t)), 255];
};
const appIcon = tile(0.04, 0.2);
// A tray slot is tiny: no margin and a smaller corner leave the key as much room as possible.
const colourTrayIcon = tile(0, 0.16);
const trayIcon = (x, y) => (inKey(x, y) ? [0, 0, 0, 255] : null);

const dir = new URL('.', import.meta.url);
const outputs = [
  ['icon.png', 512, appIcon],
  ['trayTemplate.png', 16, trayIcon],
  ['trayTemplate@2x.png', 32, trayIcon],
  ['tray.png', 16, colourTrayIcon],
  ['tray@2x.png', 32, colourTrayIcon],
];
for (const [name, size, paint] of outputs) writeFileSync(new URL(name, dir), png(size, render(size, paint)));
console.log(`wrote ${outputs.map(([name]) => `assets/${name}`).join(', ')}`);
