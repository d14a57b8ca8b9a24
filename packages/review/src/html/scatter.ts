/**
 * The scatter plot of self-score (y) against external score (x), one mark per project, as
 * hand-made SVG: the diagonal, the band where the two agree within gaps.warn, dashed lines at
 * +warn and +error, and each mark a link to its project. Projects with the very same pair of
 * scores share one mark (larger, titled with their number), so 2,000 projects stay legible;
 * positions are computed with decimal.js from the scores and rounded to tenths of a pixel.
 */
import { Decimal } from '@jixiao/core';
import { formatGap, formatScore, type Locale } from '../i18n.js';
import type { GapLevel, ProjectView, Thresholds } from '../model.js';
import { esc } from './escape.js';
import { say } from './words.js';

// Room around the plot for tick labels and axis names that a phone's screen shows larger (style.ts).
const PLOT = 560;
const LEFT = 70;
const TOP = 14;
const BOTTOM = 50;
const RIGHT = 18;
export const WIDTH = LEFT + PLOT + RIGHT;
export const HEIGHT = TOP + PLOT + BOTTOM;

const LEVEL_ORDER: Record<GapLevel, number> = { none: 0, warn: 1, error: 2 };

export interface ScatterPoint {
  self: Decimal;
  external: Decimal;
  level: GapLevel;
  projects: ProjectView[];
}

/** Projects with both scores, one point per distinct pair (drawn in order: within, warn, error on top). */
export function scatterPoints(projects: readonly ProjectView[]): ScatterPoint[] {
  const byPair = new Map<string, ScatterPoint>();
  for (const p of projects) {
    if (!p.selfScore || !p.externalScore) continue;
    const key = `${p.selfScore.value.toString()}|${p.externalScore.value.toString()}`;
    let pt = byPair.get(key);
    if (!pt) {
      pt = { self: p.selfScore.value, external: p.externalScore.value, level: 'none', projects: [] };
      byPair.set(key, pt);
    }
    pt.projects.push(p);
    if (LEVEL_ORDER[p.gapLevel] > LEVEL_ORDER[pt.level]) pt.level = p.gapLevel;
  }
  return [...byPair.values()].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.external.comparedTo(b.external) || a.self.comparedTo(b.self));
}

/** The axes' range: 100 at the top (more if a score exceeds it), at least 20 points wide, in steps of 5. */
export function domainOf(points: readonly ScatterPoint[]): { lo: Decimal; hi: Decimal; step: Decimal } {
  const five = new Decimal(5);
  let min = new Decimal(100);
  let max = new Decimal(100);
  for (const p of points) {
    min = Decimal.min(min, p.self, p.external);
    max = Decimal.max(max, p.self, p.external);
  }
  const hi = max.div(five).ceil().times(five);
  let lo = min.minus(2).div(five).floor().times(five);
  lo = Decimal.min(lo, hi.minus(20));
  if (lo.lt(0) && min.gte(0)) lo = new Decimal(0);
  const step = hi.minus(lo).lte(40) ? five : new Decimal(10);
  return { lo, hi, step };
}

const fmt = (d: Decimal) => d.toDecimalPlaces(1).toString();

/** A mark's shape: circle within the threshold, triangle over warn, diamond over error (not by colour alone). */
export function markPath(level: GapLevel, x: string, y: string, r: number): string {
  const cx = Number(x);
  const cy = Number(y);
  const n = (v: number) => (Math.round(v * 10) / 10).toString();
  if (level === 'warn') return `M${n(cx)} ${n(cy - r * 1.25)}L${n(cx + r * 1.15)} ${n(cy + r * 0.8)}L${n(cx - r * 1.15)} ${n(cy + r * 0.8)}Z`;
  if (level === 'error') return `M${n(cx)} ${n(cy - r * 1.3)}L${n(cx + r * 1.3)} ${n(cy)}L${n(cx)} ${n(cy + r * 1.3)}L${n(cx - r * 1.3)} ${n(cy)}Z`;
  return `M${n(cx - r)} ${n(cy)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0Z`;
}

function pointTitle(pt: ScatterPoint, locale: Locale): string {
  const head = (p: ProjectView) => `${p.name}${p.unit ? say(locale, 'paren', { text: p.unit }) : ''}`;
  const first = pt.projects[0] as ProjectView;
  const scores = locale === 'zh'
    ? `自评 ${formatScore(first.selfScore)}，外部评价 ${formatScore(first.externalScore)}，分差 ${formatGap(first.gap)}`
    : `self ${formatScore(first.selfScore)}, external ${formatScore(first.externalScore)}, gap ${formatGap(first.gap)}`;
  if (pt.projects.length === 1) return `${head(first)}\n${scores}`;
  const names = pt.projects.slice(0, 5).map(head).join('\n');
  return `${say(locale, 'pointProjects', { n: pt.projects.length })}${say(locale, 'colon')}${scores}\n${names}${pt.projects.length > 5 ? '\n…' : ''}`;
}

export function renderScatter(points: readonly ScatterPoint[], thresholds: Thresholds, locale: Locale): string {
  const { lo, hi, step } = domainOf(points);
  const span = hi.minus(lo);
  const px = (v: Decimal) => fmt(v.minus(lo).div(span).times(PLOT).plus(LEFT));
  const py = (v: Decimal) => fmt(hi.minus(v).div(span).times(PLOT).plus(TOP));
  const line = (y0: Decimal, cls: string) => `<line class="${cls}" x1="${px(lo)}" y1="${py(lo.plus(y0))}" x2="${px(hi)}" y2="${py(hi.plus(y0))}"/>`;
  const poly = (pts: [Decimal, Decimal][], cls: string) => `<polygon class="${cls}" points="${pts.map(([x, y]) => `${px(x)},${py(y)}`).join(' ')}"/>`;
  const { warn, error } = thresholds;
  const far = span.times(2);
  const out: string[] = [];
  out.push(`<svg class="scatter" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="scatter-title" data-points="${points.length}">`);
  out.push(`<defs><clipPath id="plot-area"><rect x="${LEFT}" y="${TOP}" width="${PLOT}" height="${PLOT}"/></clipPath></defs>`);
  out.push(`<rect class="plot-bg" x="${LEFT}" y="${TOP}" width="${PLOT}" height="${PLOT}"/>`);
  out.push('<g clip-path="url(#plot-area)">');
  out.push(poly([[lo, lo.minus(warn)], [hi, hi.minus(warn)], [hi, hi.plus(warn)], [lo, lo.plus(warn)]], 'band-ok'));
  out.push(poly([[lo, lo.plus(warn)], [hi, hi.plus(warn)], [hi, hi.plus(error)], [lo, lo.plus(error)]], 'band-warn'));
  out.push(poly([[lo, lo.plus(error)], [hi, hi.plus(error)], [hi, hi.plus(far)], [lo, lo.plus(far)]], 'band-error'));
  out.push('</g>');
  // Grid and ticks.
  for (let v = lo; v.lte(hi); v = v.plus(step)) {
    out.push(`<line class="grid" x1="${px(v)}" y1="${TOP}" x2="${px(v)}" y2="${TOP + PLOT}"/><line class="grid" x1="${LEFT}" y1="${py(v)}" x2="${LEFT + PLOT}" y2="${py(v)}"/>`);
    out.push(`<text class="tick" x="${px(v)}" y="${TOP + PLOT + 20}" text-anchor="middle">${esc(v.toString())}</text>`);
    out.push(`<text class="tick" x="${LEFT - 8}" y="${py(v)}" dy="0.35em" text-anchor="end">${esc(v.toString())}</text>`);
  }
  out.push('<g clip-path="url(#plot-area)">');
  out.push(line(new Decimal(0), 'diagonal'), line(warn, 'limit-warn'), line(error, 'limit-error'));
  out.push('</g>');
  out.push(`<rect class="frame" x="${LEFT}" y="${TOP}" width="${PLOT}" height="${PLOT}"/>`);
  out.push(`<text class="axis" x="${LEFT + PLOT / 2}" y="${HEIGHT - 6}" text-anchor="middle">${esc(say(locale, 'axisExternal'))} →</text>`);
  out.push(`<text class="axis" transform="translate(18 ${TOP + PLOT / 2}) rotate(-90)" text-anchor="middle">${esc(say(locale, 'axisSelf'))} →</text>`);
  // Marks: smaller when there are many, larger where several projects share a pair of scores.
  const base = points.length <= 200 ? 5.5 : points.length <= 1000 ? 4.2 : 3.4;
  out.push('<g class="points">');
  points.forEach((pt, i) => {
    const r = base + (pt.projects.length > 1 ? Math.min(6, 1.6 * Math.log2(pt.projects.length)) : 0);
    out.push(`<a href="#pt/${i}" class="pt lvl-${pt.level}" data-i="${i}"><title>${esc(pointTitle(pt, locale))}</title><path d="${markPath(pt.level, px(pt.external), py(pt.self), r)}"/></a>`);
  });
  out.push('</g></svg>');
  return out.join('');
}
