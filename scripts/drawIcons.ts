// Draws the Teams app icons (manifest/color.png, manifest/outline.png): two interlocked chain links,
// one for the finance and operations environment and one for Dataverse, joined by the integration.
// Shapes are signed distance fields, so both sizes come from one description with smooth edges.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];

/** Icon background and the manifest's accentColor (#1F4E9A), so the tile and the accent match. */
export const ACCENT: Rgb = [0x1f, 0x4e, 0x9a];
const WHITE: Rgb = [255, 255, 255];
const SKY: Rgb = [0x7f, 0xd4, 0xf7];

// Link geometry in "link units": each link is a stadium (a segment of half-length LENGTH, rounded
// with RADIUS) drawn as a stroke of width STROKE. The links sit OFFSET either side of the centre
// along the 45° diagonal. Their caps overlap by more than a stroke plus two gaps, so the diagonal,
// where the stacking order flips, runs through no place where both links are drawn.
const RADIUS = 1;
const LENGTH = 1.2;
const OFFSET = 1.6;
const STROKE = 0.55;
/** Gap cut into the lower link where the upper one crosses it, which is what makes them look woven. */
const GAP = 0.16;
const MIN_GAP_PX = 1.5;
const AXIS = { x: Math.SQRT1_2, y: -Math.SQRT1_2 }; // up and to the right (y grows downwards)
/** Half the width of the symbol's bounding box: a cap's centre plus its outer edge. */
const HALF_EXTENT = (OFFSET + LENGTH) * Math.SQRT1_2 + RADIUS + STROKE / 2;

/** Signed distance from (x, y) to the stroke of the link centred at `along` on the axis (< 0 inside). */
function linkDistance(x: number, y: number, along: number): number {
  const t = x * AXIS.x + y * AXIS.y - along;
  const across = x * AXIS.y - y * AXIS.x;
  const alongSegment = Math.max(Math.abs(t) - LENGTH, 0);
  return Math.abs(Math.hypot(alongSegment, across) - RADIUS) - STROKE / 2;
}

/** Share of a pixel covered by a shape whose edge is `distance` pixels away (negative = inside). */
function coverage(distance: number): number {
  return Math.min(Math.max(0.5 - distance, 0), 1);
}

interface Sample {
  alpha: number;
  rgb: Rgb;
}

/**
 * The symbol at one pixel centre, in a box `size` pixels wide whose top-left is at `origin`.
 * Link A (lower left) lies on top at the lower-right crossing, link B at the upper-left one.
 */
function sampleSymbol(px: number, py: number, origin: number, size: number, colours: readonly [Rgb, Rgb]): Sample {
  const scale = size / (2 * HALF_EXTENT); // pixels per link unit
  const x = (px + 0.5 - origin) / scale - HALF_EXTENT;
  const y = (py + 0.5 - origin) / scale - HALF_EXTENT;
  const dA = linkDistance(x, y, -OFFSET) * scale;
  const dB = linkDistance(x, y, OFFSET) * scale;
  // At 32 px a proportional gap is under a pixel and vanishes once the outline loses its soft edges.
  const gap = Math.max(GAP * scale, MIN_GAP_PX);
  const aOnTop = x * AXIS.y - y * AXIS.x < 0;
  const [top, bottom] = aOnTop ? ([[dA, colours[0]], [dB, colours[1]]] as const) : ([[dB, colours[1]], [dA, colours[0]]] as const);

  const topAlpha = coverage(top[0]);
  const bottomAlpha = coverage(bottom[0]) * (1 - coverage(top[0] - gap)) * (1 - topAlpha);
  const alpha = topAlpha + bottomAlpha;
  if (alpha === 0) return { alpha, rgb: WHITE };
  const mix = (i: 0 | 1 | 2) => (top[1][i] * topAlpha + bottom[1][i] * bottomAlpha) / alpha;
  return { alpha, rgb: [mix(0), mix(1), mix(2)] };
}

function draw(size: number, pixel: (x: number, y: number) => readonly [number, number, number, number]): PNG {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      png.data.set([r, g, b, a].map(Math.round), (y * size + x) * 4);
    }
  }
  return png;
}

/** 192×192: the symbol in the central 96×96 on a solid accent background, as Teams asks. */
export function drawColorIcon(): PNG {
  return draw(192, (x, y) => {
    const { alpha, rgb } = sampleSymbol(x, y, 48, 96, [WHITE, SKY]);
    const over = (i: 0 | 1 | 2) => rgb[i] * alpha + ACCENT[i] * (1 - alpha);
    return [over(0), over(1), over(2), 255];
  });
}

/**
 * 32×32: the symbol filling the square in white on transparent, as Teams asks. Alpha is all or
 * nothing: the outline must hold only white and fully transparent pixels, so no soft edges.
 */
export function drawOutlineIcon(): PNG {
  return draw(32, (x, y) => {
    const { alpha } = sampleSymbol(x, y, 0, 32, [WHITE, WHITE]);
    return [255, 255, 255, alpha >= 0.5 ? 255 : 0];
  });
}

/** The PNG files by name, as they are written into the manifest folder. */
export function renderIcons(): Record<'color.png' | 'outline.png', Buffer> {
  return {
    'color.png': PNG.sync.write(drawColorIcon()),
    'outline.png': PNG.sync.write(drawOutlineIcon()),
  };
}

async function main(): Promise<void> {
  // Loaded here rather than at the top: it looks for package.json above this file when imported,
  // and tests import this module from builds that live outside the project folder.
  const { fromRoot } = await import('../src/projectRoot');
  for (const [name, data] of Object.entries(renderIcons())) {
    const file = join(fromRoot('manifest'), name);
    writeFileSync(file, data);
    console.log(`Wrote ${file}`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
