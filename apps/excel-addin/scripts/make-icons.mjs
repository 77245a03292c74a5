// Draws the add-in's icons (a blue rounded square with a white tick over three bars) as PNGs in
// public/assets. Run once after changing the design: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel((x + 0.5) / size, (y + 0.5) / size, 1 / size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const clamp = (v) => Math.max(0, Math.min(1, v));
function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}
function icon(x, y, px) {
  // rounded square
  const r = 0.18;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  const inside = clamp((r - Math.hypot(qx, qy)) / px + 0.5);
  if (inside <= 0) return [0, 0, 0, 0];
  let white = 0;
  // three bars
  for (const [bx, top] of [
    [0.26, 0.58],
    [0.42, 0.48],
    [0.58, 0.38],
  ]) {
    if (x > bx - 0.055 && x < bx + 0.055 && y > top && y < 0.8) white = 1;
  }
  // tick
  const w = Math.max(0.06, 1.5 * px);
  const d = Math.min(
    distToSegment(x, y, 0.52, 0.52, 0.64, 0.66),
    distToSegment(x, y, 0.64, 0.66, 0.84, 0.26),
  );
  const tick = clamp((w - d) / px + 0.5);
  const green = tick > 0 ? 1 : 0;
  const base = [15, 108, 189];
  const mix = (a, b, t) => Math.round(a + (b - a) * t);
  let rgb = base.map((c) => mix(c, 255, white));
  if (green) rgb = rgb.map((c, i) => mix(c, [255, 214, 10][i], tick));
  return [...rgb, Math.round(255 * inside)];
}
for (const size of [16, 32, 64, 80, 128]) {
  writeFileSync(new URL(`../public/assets/icon-${size}.png`, import.meta.url), png(size, icon));
}
console.log('icons written to public/assets');
