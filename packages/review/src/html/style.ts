/** The page's stylesheet, inlined. System fonts only: nothing is fetched, no font is embedded. */
export const STYLE = `
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --panel: #f6f8fa;
  --error: #c62828; --error-bg: #fdecea; --warning: #b26a00; --warning-bg: #fff4e0; --info: #1f6feb; --info-bg: #e7f0fd;
  --ok: #2f6db5; --self: #7c4dbb; --external: #2a9d8f;
  font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  color: var(--fg); background: var(--bg); line-height: 1.5;
}
* { box-sizing: border-box; }
body { margin: 0; overflow-wrap: break-word; }
header.top { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); background: var(--panel); }
header.top h1 { margin: 0 0 4px; font-size: 1.5rem; }
header.top p { margin: 2px 0; color: var(--muted); font-size: .9rem; }
nav.sections { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-top: 8px; }
nav.sections a { color: var(--info); text-decoration: none; }
main { padding: 8px 24px 32px; max-width: 1400px; }
h2 { font-size: 1.25rem; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 8px 0; }
.muted { color: var(--muted); font-size: .9rem; }
code { font-family: ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88em; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--bg); }
.card > b { display: block; font-size: 1.9rem; line-height: 1.2; font-variant-numeric: tabular-nums; }
.card > span { color: var(--muted); }
.card small { display: block; color: var(--muted); margin-top: 4px; }
.card ul.kinds { list-style: none; margin: 4px 0 0; padding: 0; font-size: .85rem; color: var(--muted); }
.card.sev-error > b { color: var(--error); }
.card.sev-warning > b { color: var(--warning); }
.card.sev-info > b { color: var(--info); }
.card.gap > b { color: var(--error); }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(340px, 100%), 1fr)); gap: 16px; margin-top: 16px; }
.panel { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
table { border-collapse: collapse; }
table.packs, table.ranking { width: 100%; }
table th, table td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table .num, table td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.packs td { text-align: right; font-variant-numeric: tabular-nums; }
table.packs tfoot th, table.packs tfoot td { font-weight: bold; border-top: 2px solid var(--line); }
svg.grades { width: 100%; max-width: 420px; height: auto; }
svg.grades .g-self, .key.g-self { fill: var(--self); background: var(--self); }
svg.grades .g-external, .key.g-external { fill: var(--external); background: var(--external); }
.key { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin: 0 4px 0 10px; }
svg text.tick, svg text.count { font-size: 12px; fill: var(--muted); }
svg text.axis { font-size: 13px; fill: var(--fg); }
.scatter-box { margin: 0; }
svg.scatter { width: 100%; max-width: 700px; height: auto; display: block; }
svg.scatter .plot-bg { fill: #fff; }
svg.scatter .frame { fill: none; stroke: #8c959f; }
svg.scatter .grid { stroke: #eaeef2; }
svg.scatter .band-ok { fill: #eef1f4; }
svg.scatter .band-warn { fill: #fff6e6; }
svg.scatter .band-error { fill: #fdeeee; }
svg.scatter .diagonal { stroke: #57606a; stroke-width: 1.2; }
svg.scatter .limit-warn { stroke: var(--warning); stroke-dasharray: 6 4; }
svg.scatter .limit-error { stroke: var(--error); stroke-dasharray: 6 4; }
.pt path { stroke: #fff; stroke-width: .8; fill-opacity: .8; }
.pt.lvl-none path { fill: var(--ok); }
.pt.lvl-warn path { fill: #e69500; }
.pt.lvl-error path { fill: var(--error); }
a.pt:hover path, a.pt:focus path { stroke: #000; stroke-width: 1.5; fill-opacity: 1; }
.legend { color: var(--muted); font-size: .9rem; }
.legend svg { vertical-align: -2px; margin-left: 10px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.controls input[type=search] { flex: 1 1 260px; max-width: 420px; padding: 6px 10px; font: inherit; border: 1px solid var(--line); border-radius: 6px; }
.controls select { padding: 5px 8px; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.scope { background: var(--info-bg); border-radius: 12px; padding: 2px 4px 2px 10px; font-size: .9rem; }
.scope button { font: inherit; border: 0; background: transparent; color: var(--info); cursor: pointer; }
.table-wrap { overflow-x: auto; }
table.rows { width: 100%; font-size: .92rem; }
table.rows th { background: var(--panel); position: sticky; top: 0; white-space: nowrap; }
table.rows th button { font: inherit; font-weight: 600; border: 0; background: none; cursor: pointer; padding: 0; color: var(--fg); }
table.rows th[aria-sort=ascending] button::after { content: " ▲"; }
table.rows th[aria-sort=descending] button::after { content: " ▼"; }
table.rows tbody tr { cursor: pointer; }
table.rows tbody tr:hover, table.rows tbody tr:focus { background: #f3f7fd; outline: none; }
table.rows tbody tr.selected { background: #e7f0fd; }
table.rows td.project small.file { display: block; color: var(--muted); font-size: .8rem; word-break: break-all; }
td.gap-warn, dd.gap-warn { color: var(--warning); font-weight: 600; }
td.gap-error, dd.gap-error { color: var(--error); font-weight: 700; }
td.has-error { color: var(--error); font-weight: 700; }
td.has-warning { color: var(--warning); font-weight: 600; }
td.zero { color: #aab2bb; }
td.nowrap { white-space: nowrap; }
td.mismatch { color: var(--error); font-weight: 600; }
.pager { display: flex; gap: 6px; align-items: center; margin: 8px 0; }
.pager button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
.pager button:disabled { color: #aab2bb; cursor: default; }
#detail { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px 12px; margin-top: 12px; background: #fcfdfe; }
.detail-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.detail-head h3 { word-break: break-all; }
.detail-head .close { font: inherit; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 8px; font-size: .92rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
p.same { font-size: .9rem; }
p.same a { color: var(--info); }
details.rule-group { border-top: 1px solid var(--line); padding: 6px 0; }
details.rule-group > summary { cursor: pointer; font-weight: 600; }
details.rule-group .count { color: var(--muted); font-weight: normal; }
.explain { background: var(--panel); border-radius: 6px; padding: 4px 10px; margin: 6px 0; font-size: .88rem; color: #3d444d; }
.explain p { margin: 4px 0; }
ol.findings { padding-left: 22px; margin: 4px 0; }
li.finding { margin: 8px 0; }
li.finding p { margin: 2px 0; }
p.where { color: var(--muted); font-size: .85rem; }
.sev { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: .8rem; font-weight: 600; white-space: nowrap; }
.sev.sev-error { background: var(--error-bg); color: var(--error); }
.sev.sev-warning { background: var(--warning-bg); color: var(--warning); }
.sev.sev-info { background: var(--info-bg); color: var(--info); }
pre.excerpt { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 6px 0; margin: 4px 0; overflow-x: auto; font-size: .85rem; line-height: 1.45; font-family: ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; }
pre.excerpt .line { display: inline-block; min-width: 100%; padding-right: 10px; }
pre.excerpt .line.hit { background: #fff8c5; }
pre.excerpt .ln { display: inline-block; color: #8c959f; padding: 0 10px 0 8px; user-select: none; white-space: pre; position: sticky; left: 0; background: #f6f8fa; }
pre.excerpt .line.hit .ln { background: #fff8c5; }
pre.excerpt mark { background: #ffd33d; color: #000; border-radius: 2px; outline: 1px solid #d4a72c; }
ul.related { list-style: none; padding-left: 8px; margin: 2px 0; font-size: .85rem; color: var(--muted); }
ul.related a { color: var(--info); word-break: break-all; }
ul.related li { margin: 2px 0; }
li.finding.target, .place.target { background: #fffbe6; box-shadow: 0 0 0 2px #d4a72c; border-radius: 6px; padding: 2px 8px 4px; }
.place { margin: 10px 0; }
.place p { margin: 2px 0; }
svg.bar { vertical-align: middle; margin-left: 6px; }
svg.bar .b-error { fill: var(--error); }
svg.bar .b-warning { fill: #e69500; }
svg.bar .b-info { fill: var(--info); }
table.ranking a { color: var(--info); }
footer { color: var(--muted); font-size: .85rem; padding: 16px 24px; border-top: 1px solid var(--line); }
@media print { nav.sections, .controls, .pager { display: none; } }
/* A phone (390 px and so on): nothing wider than the screen; the tables become cards, each value under or beside its column's name. */
@media (max-width: 640px) {
  header.top { padding: 12px 12px 8px; }
  header.top h1 { font-size: 1.3rem; }
  p.batch code { word-break: break-all; }
  main { padding: 4px 12px 24px; }
  footer { padding: 12px; }
  h2 { margin-top: 22px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .card { padding: 8px 10px; }
  .card > b { font-size: 1.6rem; }
  .panels { gap: 12px; }
  .panel { padding: 8px 10px; }
  table.packs th, table.packs td { padding: 4px 5px; }
  .controls input[type=search] { flex: 1 1 100%; max-width: none; }
  .controls select { flex: 1 1 40%; min-width: 0; }
  .pager { flex-wrap: wrap; }
  .table-wrap { overflow-x: visible; }
  table.rows, table.rows thead, table.rows tbody { display: block; }
  table.rows thead tr { display: flex; flex-wrap: wrap; gap: 4px 6px; align-items: center; margin-bottom: 8px; }
  table.rows thead tr::before { content: attr(data-label); color: var(--muted); font-size: .85rem; }
  table.rows th { position: static; border: 1px solid var(--line); border-radius: 12px; padding: 1px 8px; font-size: .85rem; text-align: left; }
  table.rows tbody tr { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 4px 10px; border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; margin-bottom: 8px; }
  table.rows tbody td { border: 0; padding: 0; text-align: left; white-space: normal; }
  table.rows tbody td::before { content: attr(data-label); display: block; color: var(--muted); font-size: .75rem; font-weight: normal; }
  table.rows tbody td.project { grid-column: 1 / -1; order: -2; font-weight: 600; }
  table.rows tbody td.unit { grid-column: 1 / -1; order: -1; color: var(--muted); }
  table.rows tbody td.project::before, table.rows tbody td.unit::before { display: none; }
  table.rows tbody td.project small.file { font-weight: normal; }
  table.rows tbody td:empty::after { content: "—"; color: #aab2bb; }
  table.rows tbody tr.empty { display: block; }
  table.ranking, table.ranking tbody { display: block; }
  table.ranking thead { display: none; }
  table.ranking tr { display: grid; column-gap: 8px; row-gap: 2px; align-items: baseline; border: 1px solid var(--line); border-radius: 8px; padding: 6px 10px; margin-bottom: 8px; }
  table.ranking td { border: 0; padding: 0; text-align: left; white-space: normal; min-width: 0; }
  table.ranking td.rank { grid-row: 1 / span 3; color: var(--muted); }
  table.ranking td.rank::after { content: "."; }
  table.ranking td a { word-break: break-all; }
  table.ranking svg.bar { width: 80px; }
  table.rule-ranking tr { grid-template-columns: 1.8em minmax(0, 1fr) auto; }
  table.rule-ranking td.rule { grid-column: 2; }
  table.rule-ranking td.severity { grid-column: 3; grid-row: 1; }
  table.rule-ranking td.summary { grid-column: 2 / -1; }
  table.rule-ranking td.count { grid-column: 2; }
  table.rule-ranking td.files { grid-column: 3; }
  table.rule-ranking td.count::before, table.rule-ranking td.files::before { content: attr(data-label) " "; color: var(--muted); font-size: .85rem; }
  table.unit-ranking tr { grid-template-columns: 1.8em repeat(4, minmax(0, 1fr)); }
  table.unit-ranking td.unit { grid-column: 2 / -1; }
  table.unit-ranking td.num:not(.rank)::before { content: attr(data-label); display: block; color: var(--muted); font-size: .75rem; }
  table.unit-ranking svg.bar { width: 40px; }
  #detail { padding: 8px 10px 10px; }
  ol.findings { padding-left: 18px; }
  pre.excerpt .line { display: inline-flex; width: 100%; vertical-align: top; }
  pre.excerpt .code { flex: 1 1 auto; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  svg.scatter text.tick, svg.scatter text.axis { font-size: 17px; }
}
@media (max-width: 480px) {
  svg.scatter text.tick, svg.scatter text.axis { font-size: 21px; }
  table.packs { font-size: .88rem; }
}
`;
