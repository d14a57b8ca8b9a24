/** The page's sections that need no script: overview, scatter plot, rankings; and the table's frame the script fills. */
import { evaluatorWord, kindWord, packWord, SEVERITY_WORD, type Locale } from '../i18n.js';
import type { ReviewModel, Thresholds } from '../model.js';
import { bar, gradeChart } from './bars.js';
import { esc } from './escape.js';
import { renderScatter, type ScatterPoint } from './scatter.js';
import { say, type WordKey } from './words.js';

/** Units listed in the ranking. */
export const TOP_UNITS = 20;

export function bandsText(t: Thresholds, locale: Locale): string {
  const sep = locale === 'zh' ? '，' : ', ';
  return t.bands.map((b, i) => (i === t.bands.length - 1 && b.min.isZero() ? `${b.grade} < ${t.bands[i - 1]?.min.toString() ?? ''}` : `${b.grade} ≥ ${b.min.toString()}`)).join(sep);
}

function card(stat: string, value: number, label: string, extra = '', cls = ''): string {
  return `<div class="card ${cls}" data-stat="${stat}"><b data-value>${value}</b><span>${esc(label)}</span>${extra}</div>`;
}

export function overviewSection(model: ReviewModel, locale: Locale): string {
  const o = model.overview;
  const t = model.thresholds;
  const kinds = (['self-evaluation', 'evaluation', 'summary', 'unreadable'] as const)
    .filter((k) => o.byKind[k] > 0)
    .map((k) => `<li data-kind="${k}">${esc(kindWord(k === 'unreadable' ? null : k, locale))} <b>${o.byKind[k]}</b></li>`)
    .join('');
  const packRows = o.byPack
    .map(({ pack, counts }) => `<tr data-pack="${esc(pack)}"><th scope="row"><code>${esc(pack)}</code> ${esc(packWord(pack, locale))}</th><td data-count="error">${counts.error}</td><td data-count="warning">${counts.warning}</td><td data-count="info">${counts.info}</td></tr>`)
    .join('');
  const head = `<tr><th scope="col">${esc(say(locale, 'pack'))}</th><th scope="col">${esc(say(locale, 'errors'))}</th><th scope="col">${esc(say(locale, 'warnings'))}</th><th scope="col">${esc(say(locale, 'infos'))}</th></tr>`;
  const totalRow = `<tr data-pack="*" class="total"><th scope="row">${esc(say(locale, 'total'))}</th><td data-count="error">${o.findings.error}</td><td data-count="warning">${o.findings.warning}</td><td data-count="info">${o.findings.info}</td></tr>`;
  const packs = o.byPack.length > 0 ? `<table class="packs"><thead>${head}</thead><tbody>${packRows}</tbody><tfoot>${totalRow}</tfoot></table>` : `<p class="muted">${esc(say(locale, 'noFindingsBatch'))}</p>`;
  return `<section id="overview" aria-labelledby="h-overview">
<h2 id="h-overview">${esc(say(locale, 'navOverview'))}</h2>
<div class="cards">
${card('documents', o.documents, say(locale, 'documents'), `<ul class="kinds">${kinds}</ul>`)}
${card('submissions', o.submissions, say(locale, 'submissions'))}
${card('projects', o.projects, say(locale, 'projects'), `<small><b data-stat="compared">${o.compared}</b> ${esc(say(locale, 'compared'))}</small>`)}
${card('errors', o.findings.error, say(locale, 'errors'), `<small><b data-stat="with-errors">${o.withErrors}</b> ${esc(say(locale, 'withErrors'))}</small>`, 'sev-error')}
${card('warnings', o.findings.warning, say(locale, 'warnings'), '', 'sev-warning')}
${card('infos', o.findings.info, say(locale, 'infos'), '', 'sev-info')}
${card('over-warn', o.overWarn, say(locale, 'overWarn', { warn: t.warn.toString() }), `<small><b data-stat="over-error">${o.overError}</b> ${esc(say(locale, 'overError', { error: t.error.toString() }))}</small>`, 'gap')}
</div>
<div class="panels">
<div class="panel"><h3>${esc(say(locale, 'byPack'))}</h3>${packs}</div>
<div class="panel"><h3>${esc(say(locale, 'grades'))}</h3><p class="muted">${esc(say(locale, 'gradesNote'))}</p>
<p class="legend"><span class="key g-self"></span>${esc(say(locale, 'selfSide'))} <span class="key g-external"></span>${esc(say(locale, 'externalSide'))}</p>
${gradeChart(o.grades, locale)}</div>
</div>
</section>`;
}

function legendMark(level: 'none' | 'warn' | 'error'): string {
  const d = level === 'warn' ? 'M7 1.5L13 12H1Z' : level === 'error' ? 'M7 0.5L13.5 7L7 13.5L0.5 7Z' : 'M2 7a5 5 0 1 0 10 0a5 5 0 1 0 -10 0Z';
  return `<svg width="14" height="14" aria-hidden="true" class="pt lvl-${level}"><path d="${d}"/></svg>`;
}

export function scatterSection(points: readonly ScatterPoint[], model: ReviewModel, locale: Locale): string {
  const t = model.thresholds;
  const values = { warn: t.warn.toString(), error: t.error.toString() };
  const body = points.length > 0
    ? `<figure class="scatter-box">${renderScatter(points, t, locale)}
<figcaption class="legend">${legendMark('none')} ${esc(say(locale, 'legendOk'))} ${legendMark('warn')} ${esc(say(locale, 'legendWarn', values))} ${legendMark('error')} ${esc(say(locale, 'legendError', values))}</figcaption></figure>`
    : `<p class="muted">${esc(say(locale, 'scatterEmpty'))}</p>`;
  return `<section id="scatter" aria-labelledby="scatter-title">
<h2 id="scatter-title">${esc(say(locale, 'scatterTitle'))}</h2>
<p class="muted">${esc(say(locale, 'scatterNote', values))}</p>
${body}
</section>`;
}

const COLUMNS: [string, WordKey, string][] = [
  ['unit', 'colUnit', 'text'],
  ['project', 'colProject', 'text'],
  ['year', 'colYear', 'num'],
  ['evaluator', 'colEvaluator', 'text'],
  ['self', 'colSelf', 'num'],
  ['external', 'colExternal', 'num'],
  ['gap', 'colGap', 'num'],
  ['stated', 'colStated', 'text'],
  ['computed', 'colComputed', 'text'],
  ['errors', 'colErrors', 'num'],
  ['warnings', 'colWarnings', 'num'],
];

export function tableSection(locale: Locale): string {
  const ths = COLUMNS.map(([key, word, type]) => `<th scope="col" class="${type}" aria-sort="none"><button type="button" data-sort="${key}">${esc(say(locale, word))}</button></th>`).join('');
  const option = (value: string, label: string) => `<option value="${esc(value)}">${esc(label)}</option>`;
  const evaluators = [option('', say(locale, 'allEvaluators')), ...(['self', 'department', 'finance', 'third-party'] as const).map((e) => option(e, evaluatorWord(e, locale)))].join('');
  const kinds = [option('', say(locale, 'allKinds')), ...(['self-evaluation', 'evaluation', 'summary', 'unreadable'] as const).map((k) => option(k, kindWord(k === 'unreadable' ? null : k, locale)))].join('');
  const status = [option('', say(locale, 'allStatus')), option('errors', say(locale, 'statusErrors')), option('warnings', say(locale, 'statusWarnings')), option('gap', say(locale, 'statusGap')), option('clean', say(locale, 'statusClean'))].join('');
  return `<section id="submissions" aria-labelledby="h-table">
<h2 id="h-table">${esc(say(locale, 'tableTitle'))}</h2>
<div class="controls">
<input type="search" id="q" placeholder="${esc(say(locale, 'search'))}" aria-label="${esc(say(locale, 'search'))}" autocomplete="off">
<select id="f-evaluator" aria-label="${esc(say(locale, 'colEvaluator'))}">${evaluators}</select>
<select id="f-kind" aria-label="${esc(say(locale, 'kind'))}">${kinds}</select>
<select id="f-status" aria-label="${esc(say(locale, 'findings'))}">${status}</select>
<span id="scope" class="scope" hidden><span id="scope-text"></span> <button type="button" id="scope-clear">${esc(say(locale, 'clear'))}</button></span>
</div>
<p id="shown" class="muted" aria-live="polite"></p>
<div class="table-wrap"><table id="rows" class="rows"><thead><tr data-label="${esc(say(locale, 'sortBy'))}">${ths}</tr></thead><tbody></tbody></table></div>
<nav class="pager" aria-label="pages">
<button type="button" data-page="first">« ${esc(say(locale, 'first'))}</button><button type="button" data-page="prev">‹ ${esc(say(locale, 'prev'))}</button>
<span id="page"></span>
<button type="button" data-page="next">${esc(say(locale, 'next'))} ›</button><button type="button" data-page="last">${esc(say(locale, 'last'))} »</button>
</nav>
<section id="detail" hidden aria-labelledby="detail-title"></section>
</section>`;
}

/** A table's header cell and the same label on each of its body cells (shown beside the value when rows become cards on a narrow screen). */
interface RankColumn {
  label: string;
  cls?: string;
}

function rankingTable(cls: string, columns: readonly RankColumn[], rows: readonly { attrs: string; cells: string[] }[]): string {
  const head = columns.map((c) => `<th scope="col"${c.cls ? ` class="${c.cls}"` : ''}>${esc(c.label)}</th>`).join('');
  const body = rows
    .map((r) => `<tr${r.attrs}>${r.cells.map((cell, i) => {
      const c = columns[i] as RankColumn;
      return `<td${c.cls ? ` class="${c.cls}"` : ''} data-label="${esc(c.label)}">${cell}</td>`;
    }).join('')}</tr>`)
    .join('');
  return `<table class="ranking ${cls}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function rulesSection(model: ReviewModel, locale: Locale): string {
  if (model.rules.length === 0) return '';
  const max = Math.max(...model.rules.map((r) => r.count));
  const columns: RankColumn[] = [
    { label: say(locale, 'rank'), cls: 'num rank' },
    { label: say(locale, 'rule'), cls: 'rule' },
    { label: say(locale, 'summary'), cls: 'summary' },
    { label: say(locale, 'severity'), cls: 'severity' },
    { label: say(locale, 'count'), cls: 'num count' },
    { label: say(locale, 'files'), cls: 'num files' },
  ];
  const rows = model.rules.map((r, i) => ({
    attrs: ` data-rule="${esc(r.ruleId)}" data-severity="${r.severity}"`,
    cells: [
      String(i + 1),
      `<a href="#r/${encodeURIComponent(r.ruleId)}"><code>${esc(r.ruleId)}</code></a>`,
      esc(r.summary[locale]),
      `<span class="sev sev-${r.severity}">${esc(SEVERITY_WORD[r.severity][locale])}</span>`,
      `<span data-count>${r.count}</span> ${bar(r.count, max, `b-${r.severity}`)}`,
      String(r.submissions),
    ],
  }));
  return `<section id="rules" aria-labelledby="h-rules">
<h2 id="h-rules">${esc(say(locale, 'rulesTitle'))}</h2>
<p class="muted">${esc(say(locale, 'rulesNote'))}</p>
${rankingTable('rule-ranking', columns, rows)}
</section>`;
}

export function unitsSection(model: ReviewModel, locale: Locale): string {
  const units = model.units.filter((u) => u.errors + u.warnings + u.inflated > 0).slice(0, TOP_UNITS);
  if (units.length === 0) return '';
  const max = units[0]?.errors ?? 0;
  const columns: RankColumn[] = [
    { label: say(locale, 'rank'), cls: 'num rank' },
    { label: say(locale, 'colUnit'), cls: 'unit' },
    { label: say(locale, 'files'), cls: 'num' },
    { label: say(locale, 'errors'), cls: 'num count' },
    { label: say(locale, 'warnings'), cls: 'num' },
    { label: say(locale, 'inflated'), cls: 'num' },
  ];
  const rows = units.map((u, i) => ({
    attrs: '',
    cells: [String(i + 1), `<a href="#u/${i}">${esc(u.unit || '—')}</a>`, String(u.submissions), `${u.errors} ${bar(u.errors, max, 'b-error')}`, String(u.warnings), String(u.inflated)],
  }));
  return `<section id="units" aria-labelledby="h-units">
<h2 id="h-units">${esc(say(locale, 'unitsTitle'))}</h2>
<p class="muted">${esc(say(locale, 'unitsNote', { n: TOP_UNITS }))}</p>
${rankingTable('unit-ranking', columns, rows)}
</section>`;
}

/** The units the ranking links (`#u/<index>`), for the script. */
export function rankedUnits(model: ReviewModel): string[] {
  return model.units.filter((u) => u.errors + u.warnings + u.inflated > 0).slice(0, TOP_UNITS).map((u) => u.unit);
}
