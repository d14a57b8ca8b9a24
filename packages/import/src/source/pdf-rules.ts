/**
 * Ruling lines from a pdfjs-dist operator list: the stroked lines and rectangles of a table, and
 * the thin filled rectangles that Word, WPS and Excel exports draw as cell borders, as horizontal
 * and vertical segments in page coordinates (x to the right, y downwards from the top).
 *
 * The operator-list encoding is that of pdfjs-dist 5 (checked against 5.6.205, `pdf.worker.mjs`,
 * `PartialEvaluator.buildPath` and the `OPS.stroke … OPS.endPath` case of `getOperatorList`):
 * path operators never reach the list on their own. Each painted path is one `constructPath` op
 * whose args are `[paintOp, [buffer], minMax]`: `paintOp` is the painting operator (`OPS.stroke`,
 * `OPS.fill`, `OPS.eoFill`, `OPS.fillStroke`, `OPS.endPath` after a clip, …), `buffer` a
 * Float32Array of `DrawOPS` codes each followed by its coordinates (moveTo x y, lineTo x y,
 * curveTo x1 y1 x2 y2 x y, closePath; `re` arrives as moveTo, three lineTo and closePath), or
 * null for an empty path, and `minMax` the path's bounding box (null for an empty path). The
 * coordinates are in the user space of the current transformation matrix, except that pdfjs's
 * optimiser folds a `save, transform (translation only), constructPath (stroke), restore`
 * sequence into one constructPath with the translation already applied, which tracking the CTM
 * handles without special care.
 */

/** pdfjs-dist `OPS` codes used here (stable across pdfjs 3 to 5; constructPath's args are not). */
const OP = {
  setGState: 9,
  save: 10,
  restore: 11,
  transform: 12,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  setStrokeRGBColor: 58,
  setFillRGBColor: 59,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  beginGroup: 76,
  endGroup: 77,
  paintImageMaskXObject: 83,
  paintImageMaskXObjectGroup: 84,
  paintImageXObject: 85,
  paintInlineImageXObject: 86,
  paintInlineImageXObjectGroup: 87,
  paintImageXObjectRepeat: 88,
  paintImageMaskXObjectRepeat: 89,
  constructPath: 91,
  setStrokeTransparent: 92,
  setFillTransparent: 93,
} as const;

/** pdfjs-dist 5 `DrawOPS`: the codes inside a constructPath buffer. */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

const STROKES = new Set<number>([
  OP.stroke,
  OP.closeStroke,
  OP.fillStroke,
  OP.eoFillStroke,
  OP.closeFillStroke,
  OP.closeEOFillStroke,
]);
const FILLS = new Set<number>([
  OP.fill,
  OP.eoFill,
  OP.fillStroke,
  OP.eoFillStroke,
  OP.closeFillStroke,
  OP.closeEOFillStroke,
]);
const IMAGES = new Set<number>([
  OP.paintImageMaskXObject,
  OP.paintImageMaskXObjectGroup,
  OP.paintImageXObject,
  OP.paintInlineImageXObject,
  OP.paintInlineImageXObjectGroup,
  OP.paintImageXObjectRepeat,
  OP.paintImageMaskXObjectRepeat,
]);

/** A filled rectangle at most this thick (in page points) is a border drawn as a fill. */
export const THIN_FILL_MAX = 1.5;
/** A stroked piece whose ends differ by at most this across its axis is horizontal or vertical. */
const AXIS_TOLERANCE = 0.5;
/** Collinear pieces this close across their axis, and this close along it, become one rule. */
const MERGE_ACROSS = 1;
const MERGE_GAP = 1;
/** A merged rule shorter than this is a dot or a tick, not a ruling. */
const MIN_RULE_LENGTH = 1;

export type Matrix = [number, number, number, number, number, number];

/** a × b in pdfjs's (and the canvas's) convention: apply b first, then a. */
export function multiply(a: readonly number[], b: readonly number[]): Matrix {
  const [a0 = 1, a1 = 0, a2 = 0, a3 = 1, a4 = 0, a5 = 0] = a;
  const [b0 = 1, b1 = 0, b2 = 0, b3 = 1, b4 = 0, b5 = 0] = b;
  return [
    a0 * b0 + a2 * b1,
    a1 * b0 + a3 * b1,
    a0 * b2 + a2 * b3,
    a1 * b2 + a3 * b3,
    a0 * b4 + a2 * b5 + a4,
    a1 * b4 + a3 * b5 + a5,
  ];
}

export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OperatorScan {
  /** Horizontal and vertical segments, merged, in page coordinates. */
  rules: Segment[];
  /** Whether the page paints any image (an image XObject, an inline image or an image mask). */
  hasImages: boolean;
  /** How many segments came from stroked paths and how many from thin filled rectangles. */
  stroked: number;
  filled: number;
  /** True when the page had more operators or segments than the caps and the rest was skipped. */
  truncated: boolean;
}

export interface ScanLimits {
  /** Operators examined per page; the rest are skipped. */
  maxOperators: number;
  /** Raw segments collected per page before merging; the rest are skipped. */
  maxSegments: number;
}

interface State {
  ctm: Matrix;
  fillVisible: boolean;
  strokeVisible: boolean;
  fillColourVisible: boolean;
  strokeColourVisible: boolean;
  fillAlphaVisible: boolean;
  strokeAlphaVisible: boolean;
}

/** Pure white paints nothing on a white page: a white fill or line is no ruling. */
function visibleColour(args: unknown): boolean {
  const colour = Array.isArray(args) ? args[0] : args;
  return typeof colour !== 'string' || colour.toLowerCase() !== '#ffffff';
}

/**
 * Walk one page's operator list. `base` maps the page's user space to page coordinates (the
 * viewport transform: the flip to y-down, the page rotation and the crop box origin).
 */
export function scanOperators(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  base: Matrix,
  limits: ScanLimits,
): OperatorScan {
  const horizontal: Array<[number, number, number]> = []; // y, x0, x1
  const vertical: Array<[number, number, number]> = []; // x, y0, y1
  let state: State = {
    ctm: base,
    fillVisible: true,
    strokeVisible: true,
    fillColourVisible: true,
    strokeColourVisible: true,
    fillAlphaVisible: true,
    strokeAlphaVisible: true,
  };
  const stack: State[] = [];
  let hasImages = false;
  let stroked = 0;
  let filled = 0;
  let truncated = fnArray.length > limits.maxOperators;
  const count = Math.min(fnArray.length, limits.maxOperators);

  const add = (x0: number, y0: number, x1: number, y1: number): boolean => {
    if (horizontal.length + vertical.length >= limits.maxSegments) {
      truncated = true;
      return false;
    }
    const dx = Math.abs(x1 - x0);
    const dy = Math.abs(y1 - y0);
    if (dy <= AXIS_TOLERANCE && dx > dy) {
      horizontal.push([(y0 + y1) / 2, Math.min(x0, x1), Math.max(x0, x1)]);
      return true;
    }
    if (dx <= AXIS_TOLERANCE && dy > dx) {
      vertical.push([(x0 + x1) / 2, Math.min(y0, y1), Math.max(y0, y1)]);
      return true;
    }
    return false;
  };

  for (let i = 0; i < count; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null | undefined;
    switch (fn) {
      case OP.save:
      case OP.beginGroup: // the group's matrix is applied by the paintFormXObjectBegin that follows
        stack.push(state);
        state = { ...state };
        break;
      case OP.restore:
      case OP.endGroup:
      case OP.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OP.paintFormXObjectBegin: {
        stack.push(state);
        state = { ...state };
        const matrix = args?.[0] as ArrayLike<number> | null | undefined;
        if (matrix && matrix.length === 6) state.ctm = multiply(state.ctm, Array.from(matrix));
        break;
      }
      case OP.transform:
        if (args && args.length === 6) state.ctm = multiply(state.ctm, args as number[]);
        break;
      case OP.setFillRGBColor:
        state.fillColourVisible = visibleColour(args);
        state.fillVisible = state.fillColourVisible && state.fillAlphaVisible;
        break;
      case OP.setStrokeRGBColor:
        state.strokeColourVisible = visibleColour(args);
        state.strokeVisible = state.strokeColourVisible && state.strokeAlphaVisible;
        break;
      case OP.setFillTransparent:
        state.fillColourVisible = false;
        state.fillVisible = false;
        break;
      case OP.setStrokeTransparent:
        state.strokeColourVisible = false;
        state.strokeVisible = false;
        break;
      case OP.setGState: {
        const entries = args?.[0];
        if (Array.isArray(entries)) {
          for (const entry of entries) {
            if (!Array.isArray(entry)) continue;
            if (entry[0] === 'ca' && typeof entry[1] === 'number') state.fillAlphaVisible = entry[1] > 0;
            if (entry[0] === 'CA' && typeof entry[1] === 'number') state.strokeAlphaVisible = entry[1] > 0;
          }
          state.fillVisible = state.fillColourVisible && state.fillAlphaVisible;
          state.strokeVisible = state.strokeColourVisible && state.strokeAlphaVisible;
        }
        break;
      }
      case OP.constructPath: {
        if (!args) break;
        const paint = args[0] as number;
        const buffer = (args[1] as unknown[] | undefined)?.[0];
        if (!(buffer instanceof Float32Array) || buffer.length === 0) break;
        const stroke = STROKES.has(paint) && state.strokeVisible;
        const fill = FILLS.has(paint) && state.fillVisible;
        if (!stroke && !fill) break;
        for (const subpath of subpaths(buffer, state.ctm)) {
          if (stroke) {
            const points = subpath.points;
            for (let k = 0; k + 3 < points.length; k += 2) {
              if (subpath.breaks.has(k + 2)) continue;
              if (add(points[k]!, points[k + 1]!, points[k + 2]!, points[k + 3]!)) stroked++;
            }
            if (subpath.closed && points.length >= 6) {
              const n = points.length;
              if (add(points[n - 2]!, points[n - 1]!, points[0]!, points[1]!)) stroked++;
            }
          }
          if (fill) {
            const box = axisRectangle(subpath);
            if (box) {
              const width = box.x1 - box.x0;
              const height = box.y1 - box.y0;
              const thin = Math.min(width, height);
              const long = Math.max(width, height);
              if (thin <= THIN_FILL_MAX && long >= 2 * thin && long > 0) {
                const ok =
                  width >= height
                    ? add(box.x0, (box.y0 + box.y1) / 2, box.x1, (box.y0 + box.y1) / 2)
                    : add((box.x0 + box.x1) / 2, box.y0, (box.x0 + box.x1) / 2, box.y1);
                if (ok) filled++;
              }
            }
          }
        }
        break;
      }
      default:
        if (fn !== undefined && IMAGES.has(fn)) hasImages = true;
    }
  }

  const rules: Segment[] = [];
  for (const [y, x0, x1] of mergeCollinear(horizontal)) rules.push({ x0, y0: y, x1, y1: y });
  for (const [x, y0, y1] of mergeCollinear(vertical)) rules.push({ x0: x, y0, x1: x, y1 });
  return { rules, hasImages, stroked, filled, truncated };
}

interface Subpath {
  /** Page coordinates, x y x y …: the straight pieces of one subpath. */
  points: number[];
  /** Indices into points where a curve interrupts the straight pieces (no segment ends there). */
  breaks: Set<number>;
  closed: boolean;
  /** Whether the subpath contains a curve (then it is no rectangle). */
  curved: boolean;
}

/** Split a constructPath buffer into subpaths, with every point mapped through `ctm`. */
function subpaths(buffer: Float32Array, ctm: Matrix): Subpath[] {
  const [a, b, c, d, e, f] = ctm;
  const result: Subpath[] = [];
  let current: Subpath | null = null;
  const start = (): Subpath => {
    const path: Subpath = { points: [], breaks: new Set(), closed: false, curved: false };
    result.push(path);
    return path;
  };
  const push = (path: Subpath, x: number, y: number): void => {
    path.points.push(a * x + c * y + e, b * x + d * y + f);
  };
  for (let k = 0; k < buffer.length; ) {
    const code = buffer[k++];
    switch (code) {
      case DRAW.moveTo:
        current = start();
        push(current, buffer[k]!, buffer[k + 1]!);
        k += 2;
        break;
      case DRAW.lineTo:
        current ??= start();
        push(current, buffer[k]!, buffer[k + 1]!);
        k += 2;
        break;
      case DRAW.curveTo:
        current ??= start();
        current.curved = true;
        // The curve's end point starts the next straight piece; no segment runs up to it.
        current.breaks.add(current.points.length);
        push(current, buffer[k + 4]!, buffer[k + 5]!);
        k += 6;
        break;
      case DRAW.quadraticCurveTo:
        current ??= start();
        current.curved = true;
        current.breaks.add(current.points.length);
        push(current, buffer[k + 2]!, buffer[k + 3]!);
        k += 4;
        break;
      case DRAW.closePath:
        if (current) {
          current.closed = true;
          // A path may go on after closePath from the same start point.
          const [x = 0, y = 0] = current.points;
          current = start();
          current.points.push(x, y);
        }
        break;
      default:
        // An unknown code: stop rather than misread the rest of the buffer.
        return result.filter((path) => path.points.length >= 4);
    }
  }
  return result.filter((path) => path.points.length >= 4);
}

/** The box of a subpath that is an axis-aligned rectangle (4 corners, optionally repeated). */
function axisRectangle(path: Subpath): Segment | null {
  if (path.curved) return null;
  const p = path.points;
  let n = p.length / 2;
  if (n >= 2 && Math.abs(p[0]! - p[2 * n - 2]!) < 1e-3 && Math.abs(p[1]! - p[2 * n - 1]!) < 1e-3) n--;
  if (n !== 4 && n !== 2) return null; // `re` of zero width or height arrives as 2 points
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let k = 0; k < n; k++) {
    x0 = Math.min(x0, p[2 * k]!);
    x1 = Math.max(x1, p[2 * k]!);
    y0 = Math.min(y0, p[2 * k + 1]!);
    y1 = Math.max(y1, p[2 * k + 1]!);
  }
  const eps = 0.05;
  for (let k = 0; k < n; k++) {
    const x = p[2 * k]!;
    const y = p[2 * k + 1]!;
    const onX = Math.abs(x - x0) <= eps || Math.abs(x - x1) <= eps;
    const onY = Math.abs(y - y0) <= eps || Math.abs(y - y1) <= eps;
    if (!onX || !onY) return null;
  }
  return { x0, y0, x1, y1 };
}

/**
 * Merge collinear pieces: those whose positions across the axis lie within MERGE_ACROSS of the
 * first of their group and whose extents overlap or leave a gap of at most MERGE_GAP. A merged
 * rule lies at the length-weighted mean position of its pieces.
 */
export function mergeCollinear(pieces: Array<[number, number, number]>): Array<[number, number, number]> {
  const sorted = [...pieces].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const result: Array<[number, number, number]> = [];
  for (let i = 0; i < sorted.length; ) {
    const first = sorted[i]![0];
    let j = i;
    while (j < sorted.length && sorted[j]![0] - first <= MERGE_ACROSS) j++;
    const group = sorted.slice(i, j).sort((p, q) => p[1] - q[1]);
    let run: { start: number; end: number; weighted: number; weight: number } | null = null;
    const flush = (): void => {
      if (run && run.end - run.start >= MIN_RULE_LENGTH) {
        const position = run.weight > 0 ? run.weighted / run.weight : first;
        result.push([round(position), round(run.start), round(run.end)]);
      }
    };
    for (const [position, start, end] of group) {
      const length = Math.max(end - start, 1e-3);
      if (run && start <= run.end + MERGE_GAP) {
        run.end = Math.max(run.end, end);
        run.weighted += position * length;
        run.weight += length;
      } else {
        flush();
        run = { start, end, weighted: position * length, weight: length };
      }
    }
    flush();
    i = j;
  }
  return result;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
