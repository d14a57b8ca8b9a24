/** Small hand-made SVG bar charts: a bar for a count in a ranking, and self vs external per grade. */
import type { Locale } from '../i18n.js';
import type { Overview } from '../model.js';
import { esc } from './escape.js';
import { say } from './words.js';

/** A bar of `value` out of `max`, `width` pixels at most. */
export function bar(value: number, max: number, cls: string, width = 140): string {
  const w = max > 0 ? Math.max(value > 0 ? 1 : 0, Math.round((value / max) * width)) : 0;
  // A viewBox, so that a narrow screen can draw it shorter (style.ts).
  return `<svg class="bar" width="${width}" height="10" viewBox="0 0 ${width} 10" preserveAspectRatio="none" aria-hidden="true"><rect class="${cls}" width="${w}" height="10" rx="2"/></svg>`;
}

/** Two bars per grade (self and external), each with its count. */
export function gradeChart(grades: Overview['grades'], locale: Locale): string {
  const row = 22;
  const labelW = 44;
  const barW = 220;
  const max = Math.max(1, ...grades.flatMap((g) => [g.self, g.external]));
  const height = grades.length * row * 2 + 8;
  const out = [`<svg class="grades" viewBox="0 0 ${labelW + barW + 60} ${height}" role="img" aria-label="${esc(say(locale, 'grades'))}">`];
  grades.forEach((g, i) => {
    const y = i * row * 2 + 4;
    out.push(`<text class="tick" x="${labelW - 8}" y="${y + row - 2}" text-anchor="end">${esc(g.grade)}</text>`);
    ([['self', g.self], ['external', g.external]] as const).forEach(([side, n], k) => {
      const w = Math.round((n / max) * barW);
      const by = y + k * (row - 2);
      out.push(`<rect class="g-${side}" x="${labelW}" y="${by}" width="${Math.max(n > 0 ? 1 : 0, w)}" height="${row - 6}" rx="2"><title>${esc(`${g.grade} · ${say(locale, side === 'self' ? 'selfSide' : 'externalSide')}: ${n}`)}</title></rect>`);
      out.push(`<text class="count" x="${labelW + w + 6}" y="${by + row - 10}" data-grade="${esc(g.grade)}" data-side="${side}">${n}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('');
}
