/**
 * review.html: one self-contained page. Style and script are inline, the data is JSON in a
 * <script type="application/json">, fonts are the system's; a Content-Security-Policy that
 * allows only that one style and that one script (by hash) and no connection of any kind makes
 * "no network" a property of the page, not just of how it was written.
 */
import type { Locale } from '../i18n.js';
import type { ReviewModel } from '../model.js';
import { reviewClient } from './client.js';
import { pageData } from './data.js';
import { cspHash, esc, scriptJson } from './escape.js';
import { scatterPoints } from './scatter.js';
import { bandsText, overviewSection, rankedUnits, rulesSection, scatterSection, tableSection, unitsSection } from './sections.js';
import { STYLE } from './style.js';
import { say } from './words.js';

/** The client script: the source of one self-contained function, called at once. */
export const SCRIPT = `(${reviewClient.toString()})();`;

export function renderHtml(model: ReviewModel, locale: Locale): string {
  const points = scatterPoints(model.projects);
  const data = pageData(model, locale, points.map((p) => p.projects.map((x) => x.key)), rankedUnits(model));
  const t = model.thresholds;
  const csp = ["default-src 'none'", `script-src ${cspHash(SCRIPT)}`, `style-src ${cspHash(STYLE)}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  const nav = ([['overview', 'navOverview'], ['scatter', 'navScatter'], ['submissions', 'navTable'], ['rules', 'navRules'], ['units', 'navUnits']] as const)
    .map(([id, word]) => `<a href="#${id}">${esc(say(locale, word))}</a>`)
    .join('');
  return `<!doctype html>
<html lang="${say(locale, 'lang')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jixiao review">
<title>${esc(say(locale, 'title'))}${model.title ? ` · ${esc(model.title)}` : ''}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
<h1>${esc(say(locale, 'title'))}</h1>
${model.title ? `<p class="batch"><code>${esc(model.title)}</code></p>` : ''}
<p>${esc(say(locale, 'sameRules'))} · ${esc(say(locale, 'settings', { warn: t.warn.toString(), error: t.error.toString(), bands: bandsText(t, locale) }))}</p>
<nav class="sections">${nav}</nav>
</header>
<main>
${overviewSection(model, locale)}
${scatterSection(points, model, locale)}
${tableSection(locale)}
${rulesSection(model, locale)}
${unitsSection(model, locale)}
</main>
<footer>${esc(say(locale, 'footer'))}</footer>
<script type="application/json" id="review-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
