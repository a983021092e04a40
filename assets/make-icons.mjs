#!/usr/bin/env node
/**
 * Regenerates the app icons from assets/icon.svg (the only hand-edited source):
 *
 *   assets/icon.png   1024x1024 PNG (Linux, and electron-builder's fallback)
 *   assets/icon.ico   Windows icon, PNG-compressed entries 16..256 px (Vista and later)
 *   assets/icon.icns  macOS icon, PNG entries 16..1024 px (incl. @2x variants)
 *
 * Usage: node assets/make-icons.mjs   (needs only `sharp`, already a dependency; no ImageMagick,
 * no iconutil, so it runs on any OS). Re-run after editing the SVG and commit all four files.
 */
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';

const dir = new URL('./', import.meta.url);
const svg = await readFile(new URL('icon.svg', dir));

/** Renders the SVG at `size` px square (rasterised at 1024 px, then downsampled for crisp small sizes). */
const cache = new Map();
function png(size) {
  if (!cache.has(size)) {
    cache.set(
      size,
      sharp(svg) // the SVG is 1024 px square, so the default 72 dpi renders it 1:1
        .resize(1024, 1024)
        .png()
        .toBuffer()
        .then((master) =>
          size === 1024 ? master : sharp(master).resize(size, size, { kernel: 'lanczos3' }).png({ compressionLevel: 9 }).toBuffer(),
        ),
    );
  }
  return cache.get(size);
}

/** ICO: ICONDIR (6 bytes) + one ICONDIRENTRY (16 bytes) per image, then the PNG payloads. */
async function ico(sizes) {
  const images = await Promise.all(sizes.map(png));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const entry = 6 + 16 * i;
    const image = images[i];
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(image.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += image.length;
  });
  return Buffer.concat([header, ...images]);
}

/** ICNS: 'icns' + big-endian total length, then entries of OSType + big-endian length (incl. 8-byte header) + PNG. */
async function icns(entries) {
  const chunks = await Promise.all(
    entries.map(async ([type, size]) => {
      const data = await png(size);
      const head = Buffer.alloc(8);
      head.write(type, 0, 'ascii');
      head.writeUInt32BE(data.length + 8, 4);
      return Buffer.concat([head, data]);
    }),
  );
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

await writeFile(new URL('icon.png', dir), await png(1024));
await writeFile(new URL('icon.ico', dir), await ico([16, 24, 32, 48, 64, 128, 256]));
await writeFile(
  new URL('icon.icns', dir),
  await icns([
    ['icp4', 16],
    ['icp5', 32],
    ['ic11', 32], // 16@2x
    ['icp6', 64],
    ['ic12', 64], // 32@2x
    ['ic07', 128],
    ['ic13', 256], // 128@2x
    ['ic08', 256],
    ['ic14', 512], // 256@2x
    ['ic09', 512],
    ['ic10', 1024], // 512@2x
  ]),
);
console.log('wrote assets/icon.png, assets/icon.ico, assets/icon.icns');
