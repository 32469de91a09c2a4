// Draws the extension icon (a shield with a check mark, 128×128 PNG) without any image library:
// shapes are sampled 4×4 per pixel for anti-aliasing and written as an RGBA PNG with node:zlib.
// Usage: node client/scripts/make-icon.mjs [out.png]   (default client/images/icon.png)
import fs from 'node:fs';
import zlib from 'node:zlib';

const SIZE = 128;
const SS = 4;
const out = process.argv[2] ?? new URL('../images/icon.png', import.meta.url).pathname;

/** Inside the shield: flat sides down to y = 0.55, then narrowing to a point at the bottom. */
function inShield(x, y, inset) {
  const top = 0.1 + inset;
  const bottom = 0.93 - inset * 1.6;
  if (y < top || y > bottom) return false;
  const half = 0.34 - inset;
  const shoulder = 0.56;
  if (y <= shoulder) return Math.abs(x - 0.5) <= half;
  const t = (y - shoulder) / (bottom - shoulder);
  return Math.abs(x - 0.5) <= half * Math.cos((t * Math.PI) / 2) ** 0.8;
}

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inCheck(x, y) {
  return Math.min(distToSegment(x, y, 0.33, 0.5, 0.46, 0.63), distToSegment(x, y, 0.46, 0.63, 0.69, 0.37)) < 0.045;
}

const OUTER = [30, 58, 138]; // #1e3a8a
const INNER = [37, 99, 235]; // #2563eb
const CHECK = [255, 255, 255];

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = (px + (sx + 0.5) / SS) / SIZE;
        const y = (py + (sy + 0.5) / SS) / SIZE;
        let c;
        if (inCheck(x, y) && inShield(x, y, 0.05)) c = CHECK;
        else if (inShield(x, y, 0.05)) c = INNER;
        else if (inShield(x, y, 0)) c = OUTER;
        if (!c) continue;
        r += c[0]; g += c[1]; b += c[2]; a += 1;
      }
    }
    const n = SS * SS;
    const o = 1 + px * 4;
    if (a > 0) {
      row[o] = Math.round(r / a);
      row[o + 1] = Math.round(g / a);
      row[o + 2] = Math.round(b / a);
    }
    row[o + 3] = Math.round((255 * a) / n);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
