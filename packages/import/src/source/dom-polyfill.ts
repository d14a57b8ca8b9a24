/**
 * What pdf.js's legacy build takes from the native `@napi-rs/canvas` package under Node, set before
 * pdf.js loads in the importer's PDF worker (pdf-worker.ts): neither the npm package (where that
 * optional native dependency may be missing, and pdf.js then warns on every run) nor the VS Code
 * extension (which cannot ship a native module per platform) needs it:
 * a 2-D `DOMMatrix` (pdf.js builds one when its display module loads, and its core one for the
 * outline of a Type 3 glyph's image mask), and inert `ImageData` and `Path2D` (used only to render,
 * which the importer never does). Each only when the global is missing.
 */

type Init = ArrayLike<number> | { a?: number; b?: number; c?: number; d?: number; e?: number; f?: number } | undefined;

/** The 2-D part of the DOMMatrix interface: | a c e | b d f | 0 0 1 |. */
export class Matrix2D {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: Init) {
    if (init === undefined || init === null) return;
    if (typeof (init as ArrayLike<number>).length === 'number') {
      const m = init as ArrayLike<number>;
      if (m.length === 6) [this.a, this.b, this.c, this.d, this.e, this.f] = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
      else if (m.length === 16) [this.a, this.b, this.c, this.d, this.e, this.f] = [m[0]!, m[1]!, m[4]!, m[5]!, m[12]!, m[13]!];
      else throw new TypeError(`DOMMatrix: an array of 6 or 16 numbers, not ${m.length}`);
      return;
    }
    const o = init as { a?: number; b?: number; c?: number; d?: number; e?: number; f?: number };
    this.a = o.a ?? 1;
    this.b = o.b ?? 0;
    this.c = o.c ?? 0;
    this.d = o.d ?? 1;
    this.e = o.e ?? 0;
    this.f = o.f ?? 0;
  }

  static fromMatrix(other?: Init): Matrix2D {
    return new Matrix2D(other);
  }

  get m11() { return this.a; }
  get m12() { return this.b; }
  get m21() { return this.c; }
  get m22() { return this.d; }
  get m41() { return this.e; }
  get m42() { return this.f; }
  get is2D() { return true; }
  get isIdentity() { return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0; }

  private set(a: number, b: number, c: number, d: number, e: number, f: number): this {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    this.e = e;
    this.f = f;
    return this;
  }

  /** this = this × other */
  multiplySelf(other?: Init): this {
    const o = new Matrix2D(other);
    return this.set(
      this.a * o.a + this.c * o.b, this.b * o.a + this.d * o.b,
      this.a * o.c + this.c * o.d, this.b * o.c + this.d * o.d,
      this.a * o.e + this.c * o.f + this.e, this.b * o.e + this.d * o.f + this.f,
    );
  }

  /** this = other × this */
  preMultiplySelf(other?: Init): this {
    const o = new Matrix2D(other);
    return this.set(
      o.a * this.a + o.c * this.b, o.b * this.a + o.d * this.b,
      o.a * this.c + o.c * this.d, o.b * this.c + o.d * this.d,
      o.a * this.e + o.c * this.f + o.e, o.b * this.e + o.d * this.f + o.f,
    );
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.set(this.a, this.b, this.c, this.d, this.a * tx + this.c * ty + this.e, this.b * tx + this.d * ty + this.f);
  }

  scaleSelf(sx = 1, sy = sx, _sz = 1, ox = 0, oy = 0): this {
    this.translateSelf(ox, oy);
    this.set(this.a * sx, this.b * sx, this.c * sy, this.d * sy, this.e, this.f);
    return this.translateSelf(-ox, -oy);
  }

  invertSelf(): this {
    const det = this.a * this.d - this.b * this.c;
    if (det === 0 || !Number.isFinite(det)) return this.set(NaN, NaN, NaN, NaN, NaN, NaN);
    return this.set(
      this.d / det, -this.b / det, -this.c / det, this.a / det,
      (this.c * this.f - this.d * this.e) / det, (this.b * this.e - this.a * this.f) / det,
    );
  }

  multiply(other?: Init): Matrix2D { return new Matrix2D(this).multiplySelf(other); }
  translate(tx?: number, ty?: number): Matrix2D { return new Matrix2D(this).translateSelf(tx, ty); }
  scale(sx?: number, sy?: number, sz?: number, ox?: number, oy?: number): Matrix2D { return new Matrix2D(this).scaleSelf(sx, sy, sz, ox, oy); }
  inverse(): Matrix2D { return new Matrix2D(this).invertSelf(); }

  transformPoint(p: { x?: number; y?: number } = {}): { x: number; y: number; z: number; w: number } {
    const x = p.x ?? 0;
    const y = p.y ?? 0;
    return { x: this.a * x + this.c * y + this.e, y: this.b * x + this.d * y + this.f, z: 0, w: 1 };
  }

  toFloat64Array(): Float64Array {
    return new Float64Array([this.a, this.b, 0, 0, this.c, this.d, 0, 0, 0, 0, 1, 0, this.e, this.f, 0, 1]);
  }
}

class InertImageData {
  readonly data: Uint8ClampedArray;
  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8ClampedArray(Math.max(0, width * height * 4));
  }
}

/** A path nobody draws: every method accepted and ignored. */
class InertPath2D {
  addPath(): void {}
  closePath(): void {}
  moveTo(): void {}
  lineTo(): void {}
  bezierCurveTo(): void {}
  quadraticCurveTo(): void {}
  arc(): void {}
  arcTo(): void {}
  ellipse(): void {}
  rect(): void {}
  roundRect(): void {}
}

const g = globalThis as Record<string, unknown>;
g.DOMMatrix ??= Matrix2D;
g.ImageData ??= InertImageData;
g.Path2D ??= InertPath2D;
