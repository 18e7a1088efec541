import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

// mocha runs from the project root; the compiled tests may live elsewhere (a build in /tmp).
const MANIFEST_DIR = join(process.cwd(), 'manifest');

// The colour icon's background is the manifest's accent colour, so the two always agree.
const ACCENT = (() => {
  const hex = (JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8')) as { accentColor: string }).accentColor;
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
})();

function committed(name: 'color.png' | 'outline.png'): PNG {
  return PNG.sync.read(readFileSync(join(MANIFEST_DIR, name)));
}

function pixel(png: PNG, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4;
  return [...png.data.subarray(i, i + 4)];
}

function pixels(png: PNG): { x: number; y: number; rgba: number[] }[] {
  const all = [];
  for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) all.push({ x, y, rgba: pixel(png, x, y) });
  return all;
}

describe('app icons', () => {
  it('colour icon: 192×192, opaque, the symbol inside the central 96×96 on the accent colour', () => {
    const color = committed('color.png');
    assert.deepEqual([color.width, color.height], [192, 192]);
    let symbol = 0;
    for (const { x, y, rgba } of pixels(color)) {
      assert.equal(rgba[3], 255, `pixel ${x},${y} is not opaque`);
      const background = rgba.slice(0, 3).every((v, i) => v === ACCENT[i]);
      const inSymbolBox = x >= 48 && x < 144 && y >= 48 && y < 144;
      if (!inSymbolBox) assert.ok(background, `pixel ${x},${y} outside the symbol box is not background`);
      else if (!background) symbol++;
    }
    assert.ok(symbol > 96 * 96 * 0.15, 'the symbol is drawn');
  });

  it('outline icon: 32×32, every pixel fully transparent or opaque pure white', () => {
    const outline = committed('outline.png');
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    const drawn = pixels(outline).filter(({ x, y, rgba }) => {
      assert.ok(rgba[3] === 0 || rgba.join() === '255,255,255,255', `pixel ${x},${y} is ${rgba.join()}`);
      return rgba[3] === 255;
    });
    assert.ok(drawn.length > 32 * 32 * 0.15, 'the symbol is drawn');
    // No padding: the symbol reaches the edges of the square.
    assert.equal(Math.min(...drawn.map((p) => p.x)), 0);
    assert.equal(Math.max(...drawn.map((p) => p.x)), 31);
  });
});
