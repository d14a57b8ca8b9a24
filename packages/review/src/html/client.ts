/// <reference lib="dom" />
/**
 * The page's script, written and type-checked here, inlined into the page as the source of this
 * one function (so it must use nothing from outside itself: only types are imported). It reads
 * the embedded JSON, and runs the submissions table (search, filters, sorting, pages of 50 rows,
 * so 5,000 rows stay fast), the per-submission findings and the links from the charts and
 * rankings (`#s/<id>`, `#pt/<point>`, `#u/<unit>`, `#r/<rule>`), and a place in a submission
 * (`#s/<id>/<line>:<column>`, what a related place links to): the finding there, or the lines
 * around the place and the findings that point to it, highlighted and scrolled into view. It
 * builds every element with textContent, never HTML from data.
 */
import type { PageData, PageExcerpt, PageFinding, PageRow } from './data.js';

export function reviewClient(): void {
  const dataElement = document.getElementById('review-data');
  if (!dataElement?.textContent) return;
  const data = JSON.parse(dataElement.textContent) as PageData;
  const W = data.words;
  const rows = data.rows;
  const PAGE = 50;
  const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };
  const SEVERITY_WORD: Record<string, string> = { error: W.errors, warning: W.warnings, info: W.infos };
  const collator = new Intl.Collator(data.locale === 'zh' ? 'zh-CN' : 'en', { numeric: true });

  /** A map's own entry: keys come from documents (a project id `__proto__`, `constructor`), never from its prototype. */
  const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined);
  const say = (text: string, values: Record<string, string | number>): string => text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
  const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

  type Child = Node | string | null | undefined | false;
  function h(tag: string, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === false) continue;
      if (k === 'text') el.textContent = String(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
    return el;
  }

  // ---- state -------------------------------------------------------------------------------
  const haystack = rows.map((r) => [r.unit, r.project, r.file, r.projectKey ?? '', r.evaluatorName ?? ''].join('\n').toLowerCase());
  const state = {
    q: '',
    evaluator: '',
    kind: '',
    status: '',
    scope: null as { label: string; ids: Set<number> } | null,
    sortKey: '',
    sortDir: 1,
    page: 0,
    selected: -1,
  };
  let view: number[] = rows.map((r) => r.id);

  const num = (text: string): number | null => (text === '' ? null : Number.parseFloat(text));
  const sortValue: Record<string, (r: PageRow) => string | number | null> = {
    unit: (r) => r.unit,
    project: (r) => r.project,
    year: (r) => r.year,
    evaluator: (r) => r.evaluator,
    self: (r) => num(r.self),
    external: (r) => num(r.external),
    gap: (r) => num(r.gap),
    stated: (r) => r.stated,
    computed: (r) => r.computed,
    errors: (r) => r.errors,
    warnings: (r) => r.warnings,
  };

  function matches(r: PageRow, i: number): boolean {
    if (state.scope && !state.scope.ids.has(r.id)) return false;
    if (state.evaluator && r.evaluatorKey !== state.evaluator) return false;
    if (state.kind && r.kindKey !== state.kind) return false;
    if (state.status === 'errors' && r.errors === 0) return false;
    if (state.status === 'warnings' && r.warnings === 0) return false;
    if (state.status === 'gap' && r.gapLevel === 'none') return false;
    if (state.status === 'clean' && r.errors + r.warnings + r.infos > 0) return false;
    if (state.q) {
      const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
      const text = haystack[i] ?? '';
      for (const w of words) if (!text.includes(w)) return false;
    }
    return true;
  }

  function compute(): void {
    const out: number[] = [];
    rows.forEach((r, i) => {
      if (matches(r, i)) out.push(r.id);
    });
    const get = sortValue[state.sortKey];
    if (get) {
      const dir = state.sortDir;
      out.sort((a, b) => {
        const va = get(rows[a] as PageRow);
        const vb = get(rows[b] as PageRow);
        // Blanks last in either direction.
        if (va === null || va === '') return vb === null || vb === '' ? a - b : 1;
        if (vb === null || vb === '') return -1;
        const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
        return c !== 0 ? c * dir : a - b;
      });
    }
    view = out;
  }

  // ---- table -------------------------------------------------------------------------------
  const tbody = $('rows').querySelector('tbody') as HTMLTableSectionElement;
  const pages = (): number => Math.max(1, Math.ceil(view.length / PAGE));

  // Each cell carries its column's name: a narrow screen shows the rows as cards, each value under its name.
  function cell(label: string, text: string, cls = ''): HTMLElement {
    return h('td', { class: cls || undefined, 'data-label': label, text });
  }

  function renderRow(r: PageRow): HTMLElement {
    const project = h('td', { class: 'project', 'data-label': W.colProject }, h('span', { text: r.project || '—' }), h('small', { class: 'file', text: r.file }));
    const tr = h(
      'tr',
      { 'data-id': r.id, tabindex: 0, class: r.id === state.selected ? 'selected' : undefined, 'aria-selected': r.id === state.selected ? 'true' : undefined },
      cell(W.colUnit, r.unit, 'unit'),
      project,
      cell(W.colYear, r.year === null ? '' : String(r.year), 'num'),
      cell(W.colEvaluator, r.evaluator, 'nowrap'),
      cell(W.colSelf, r.self, 'num'),
      cell(W.colExternal, r.external, 'num'),
      cell(W.colGap, r.gap, `num gap-${r.gapLevel}`),
      cell(W.colStated, r.stated, 'nowrap'),
      cell(W.colComputed, r.computed, r.stated && r.computed && r.stated !== r.computed ? 'nowrap mismatch' : 'nowrap'),
      cell(W.colErrors, String(r.errors), r.errors > 0 ? 'num has-error' : 'num zero'),
      cell(W.colWarnings, String(r.warnings), r.warnings > 0 ? 'num has-warning' : 'num zero'),
    );
    return tr;
  }

  function render(): void {
    state.page = Math.min(state.page, pages() - 1);
    const start = state.page * PAGE;
    const slice = view.slice(start, start + PAGE);
    const frag = document.createDocumentFragment();
    for (const id of slice) frag.append(renderRow(rows[id] as PageRow));
    if (slice.length === 0) frag.append(h('tr', { class: 'empty' }, h('td', { colspan: 11, text: W.noRows })));
    tbody.replaceChildren(frag);
    const shown = $('shown');
    shown.textContent = say(W.shown, { total: rows.length, shown: view.length });
    shown.dataset.total = String(rows.length);
    shown.dataset.shown = String(view.length);
    $('page').textContent = say(W.page, { page: state.page + 1, pages: pages() });
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.pager button'))) {
      const p = b.dataset.page;
      b.disabled = p === 'first' || p === 'prev' ? state.page === 0 : state.page >= pages() - 1;
    }
    for (const th of Array.from(document.querySelectorAll<HTMLElement>('#rows th'))) {
      const key = th.querySelector('button')?.dataset.sort;
      th.setAttribute('aria-sort', key === state.sortKey ? (state.sortDir > 0 ? 'ascending' : 'descending') : 'none');
    }
  }

  function refresh(): void {
    compute();
    state.page = 0;
    render();
  }

  function setScope(label: string | null, ids: Iterable<number> = []): void {
    state.scope = label === null ? null : { label, ids: new Set(ids) };
    const box = $('scope');
    box.hidden = state.scope === null;
    $('scope-text').textContent = state.scope ? say(W.scope, { what: state.scope.label }) : '';
    refresh();
  }

  // ---- one submission's findings --------------------------------------------------------------
  function excerptNode(ex: PageExcerpt | null): HTMLElement | null {
    if (!ex) return null;
    const [first, lines, [sl, sc, el, ec]] = ex;
    const pre = h('pre', { class: 'excerpt' });
    const width = String(first + lines.length - 1).length;
    lines.forEach((text, i) => {
      const n = first + i;
      const code = h('span', { class: 'code' });
      if (n < sl || n > el) code.append(text);
      else {
        const from = n === sl ? sc : 0;
        const to = n === el ? Math.max(ec, from) : text.length;
        code.append(text.slice(0, from), h('mark', { text: text.slice(from, to) || ' ' }), text.slice(to));
      }
      pre.append(h('span', { class: n >= sl && n <= el ? 'line hit' : 'line' }, h('span', { class: 'ln', text: String(n).padStart(width, ' ') }), code), '\n');
    });
    return pre;
  }

  /** `#s/<id>/<line>:<column>`: a place in a submission. */
  const placeHash = (id: number, line: number, column: number): string => `#s/${id}/${line}:${column}`;

  function relatedNode(related: PageFinding[7]): HTMLElement | null {
    if (related.length === 0) return null;
    return h('ul', { class: 'related', 'aria-label': W.related }, ...related.map(([file, l, c, msg, target]) => {
      const where = `${file}:${l}:${c}`;
      return h('li', {}, '↳ ', target >= 0 ? h('a', { href: placeHash(target, l, c), text: where }) : h('span', { class: 'file', text: where }), ' ', msg);
    }));
  }

  function findingNode(f: PageFinding, target: boolean): HTMLElement {
    const [, severity, message, line, column, path, excerpt, related] = f;
    const where = h('p', { class: 'where' }, say(W.lineCol, { line, column }), path ? h('span', {}, ` · ${W.path} `, h('code', { text: path })) : null);
    return h('li', { class: `finding sev-${severity}${target ? ' target' : ''}`, 'data-line': line, 'data-column': column }, h('p', { class: 'msg' }, h('span', { class: `sev sev-${severity}`, text: SEVERITY_WORD[severity] ?? severity }), ' ', message), where, excerptNode(excerpt), relatedNode(related));
  }

  /** The places findings point to, by `<submission>/<line>:<column>`: the lines there and the findings pointing (built when first needed). */
  let places: Map<string, { excerpt: PageExcerpt | null; from: [number, PageFinding, string][] }> | null = null;
  function placeOf(id: number, line: number, column: number) {
    if (!places) {
      places = new Map();
      data.findings.forEach((list, from) => {
        for (const f of list) {
          for (const [, l, c, msg, target, excerpt] of f[7]) {
            if (target < 0) continue;
            const key = `${target}/${l}:${c}`;
            let p = places?.get(key);
            if (!p) {
              p = { excerpt, from: [] };
              places?.set(key, p);
            }
            p.from.push([from, f, msg]);
          }
        }
      });
    }
    return places.get(`${id}/${line}:${column}`);
  }

  /** The place a related link opened, when no finding of the submission is there: its lines and the findings that point to it. */
  function placeNode(id: number, line: number, column: number): HTMLElement {
    const p = placeOf(id, line, column);
    const from = p
      ? h('ul', { class: 'related', 'aria-label': W.referredBy }, ...p.from.map(([source, f, msg]) => h('li', {},
        h('span', { class: `sev sev-${f[1]}`, text: SEVERITY_WORD[f[1]] ?? f[1] }), ' ',
        h('a', { href: placeHash(source, f[3], f[4]), text: `${rows[source]?.file ?? ''}:${f[3]}:${f[4]}` }), ' ', f[2], msg ? say(W.paren, { text: msg }) : '')))
      : null;
    return h('div', { class: 'place target', 'data-line': line, 'data-column': column },
      h('p', { class: 'msg' }, h('b', { text: W.related + W.colon }), say(W.lineCol, { line, column })),
      excerptNode(p?.excerpt ?? null),
      from ? h('p', { class: 'where', text: W.referredBy + W.colon }) : null,
      from);
  }

  /** Each excerpt scrolled sideways so that its mark shows (a long line is wider than its box). */
  function revealMarks(box: HTMLElement): void {
    for (const pre of Array.from(box.querySelectorAll<HTMLElement>('pre.excerpt'))) {
      const mark = pre.querySelector('mark');
      if (!mark || pre.scrollWidth <= pre.clientWidth) continue;
      const p = pre.getBoundingClientRect();
      const m = mark.getBoundingClientRect();
      if (m.left >= p.left && m.right <= p.right) continue;
      pre.scrollLeft += m.left - p.left - Math.max(0, (pre.clientWidth - m.width) / 2);
    }
  }

  /** Opens a submission's findings; `place` (a related link's line and column) is highlighted and scrolled to. */
  function openDetail(id: number, scroll: boolean, place: { line: number; column: number } | null = null): void {
    const r = rows[id];
    const box = $('detail');
    if (!r) return;
    state.selected = id;
    const findings = data.findings[id] ?? [];
    const groups = new Map<string, PageFinding[]>();
    for (const f of findings) {
      const list = groups.get(f[0]);
      if (list) list.push(f);
      else groups.set(f[0], [f]);
    }
    const worst = (list: PageFinding[]) => Math.min(...list.map((f) => SEVERITY_RANK[f[1]] ?? 3));
    const ordered = [...groups.entries()].sort((a, b) => worst(a[1]) - worst(b[1]) || b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
    // The finding at the place: the same line and column, else the first on the line.
    const onLine = place ? findings.filter((f) => f[3] === place.line) : [];
    const hit = onLine.find((f) => f[4] === place?.column) ?? onLine[0];
    const facts: [string, string][] = [
      [W.kind, r.kind],
      [W.colUnit, r.unit],
      [W.colProject, r.project],
      [W.colYear, r.year === null ? '' : String(r.year)],
      [W.colEvaluator, [r.evaluator, r.evaluatorName ?? ''].filter(Boolean).join(' · ')],
      [W.score, r.score],
      [W.colSelf, r.self],
      [W.colExternal, r.external ? r.external + say(W.paren, { text: r.externalEvaluator }) : ''],
      [W.colGap, r.gap],
      [W.colStated, r.stated],
      [W.colComputed, r.computed],
    ];
    const dl = h('dl', { class: 'facts' });
    for (const [k, v] of facts) if (v) dl.append(h('dt', { text: k }), h('dd', { text: v, class: k === W.colGap ? `gap-${r.gapLevel}` : undefined }));
    const project = r.projectKey ? own(data.projects, r.projectKey) : undefined;
    const others = project ? project.submissions.filter((s) => s !== id) : [];
    const same = others.length > 0
      ? h('p', { class: 'same' }, W.sameProject + W.colon, ...others.flatMap((s, i) => {
        const o = rows[s] as PageRow;
        return [i > 0 ? W.comma : '', h('a', { href: `#s/${s}`, text: `${o.evaluator} ${o.file}` })];
      }))
      : null;
    const body = ordered.length === 0
      ? h('p', { class: 'muted', text: W.noFindings })
      : h('div', { class: 'groups' }, ...ordered.map(([ruleId, list]) => {
        const docs = own(data.rules, ruleId);
        const sev = list[0]?.[1] ?? 'info';
        const explain = docs && (docs.what || docs.why)
          ? h('div', { class: 'explain' }, docs.what ? h('p', {}, h('b', { text: W.what + W.colon }), docs.what) : null, docs.why ? h('p', {}, h('b', { text: W.why + W.colon }), docs.why) : null)
          : null;
        return h('details', { class: 'rule-group', open: true, 'data-rule': ruleId },
          h('summary', {}, h('span', { class: `sev sev-${sev}`, text: SEVERITY_WORD[sev] ?? sev }), ' ', h('code', { text: ruleId }), ' ', docs?.summary ?? '', ' ', h('span', { class: 'count', text: say(W.occurrences, { n: list.length }) })),
          explain,
          h('ol', { class: 'findings' }, ...list.map((f) => findingNode(f, f === hit))));
      }));
    box.replaceChildren(
      h('div', { class: 'detail-head' }, h('h3', { id: 'detail-title', text: r.file }), h('button', { type: 'button', class: 'close', 'data-close': true, text: `✕ ${W.close}` })),
      dl,
      same ?? '',
      place && !hit ? placeNode(id, place.line, place.column) : '',
      body,
    );
    box.hidden = false;
    box.dataset.id = String(id);
    for (const tr of Array.from(tbody.querySelectorAll<HTMLElement>('tr[data-id]'))) {
      const on = tr.dataset.id === String(id);
      tr.classList.toggle('selected', on);
      if (on) tr.setAttribute('aria-selected', 'true');
      else tr.removeAttribute('aria-selected');
    }
    revealMarks(box);
    if (!scroll) return;
    const target = box.querySelector<HTMLElement>('.target');
    if (target) {
      // The highlighted figure in the middle of the screen (or the place, when there is no figure to mark).
      (target.querySelector('mark') ?? target).scrollIntoView({ block: 'center', inline: 'nearest' });
      return;
    }
    // The document from its title, and its first figure on screen too (a phone's screen is short).
    box.scrollIntoView({ block: 'start' });
    box.querySelector('mark')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  function closeDetail(): void {
    state.selected = -1;
    $('detail').hidden = true;
    render();
  }

  // ---- links: #s/<id>, #pt/<i>, #u/<i>, #r/<rule> --------------------------------------------
  function route(): void {
    const m = /^#(s|pt|u|r)\/(.+)$/.exec(location.hash);
    if (!m) return;
    const [, kind, arg = ''] = m;
    if (kind === 's') {
      const at = /^(\d+)(?:\/(\d+):(\d+))?$/.exec(arg);
      if (!at) return;
      openDetail(Number(at[1]), true, at[2] ? { line: Number(at[2]), column: Number(at[3]) } : null);
      return;
    }
    if (kind === 'pt') {
      const keys = data.points[Number(arg)] ?? [];
      const ids = new Set<number>();
      for (const k of keys) for (const s of own(data.projects, k)?.submissions ?? []) ids.add(s);
      const first = own(data.projects, keys[0] ?? '');
      setScope(keys.length === 1 ? `${W.colProject} ${first?.name ?? keys[0]}` : say(W.pointProjects, { n: keys.length }), ids);
      const open = keys.length === 1 ? first?.self ?? first?.external : undefined;
      if (open !== undefined && open !== null) openDetail(open, false);
      $('submissions').scrollIntoView({ block: 'start' });
      return;
    }
    if (kind === 'u') {
      const unit = data.units[Number(arg)];
      if (unit === undefined) return;
      setScope(`${W.colUnit} ${unit}`, rows.filter((r) => r.unit === unit).map((r) => r.id));
      $('submissions').scrollIntoView({ block: 'start' });
      return;
    }
    const rule = decodeURIComponent(arg);
    setScope(`${W.rule} ${rule}`, rows.filter((r) => (data.findings[r.id] ?? []).some((f) => f[0] === rule)).map((r) => r.id));
    $('submissions').scrollIntoView({ block: 'start' });
  }

  // ---- events ------------------------------------------------------------------------------
  let timer: ReturnType<typeof setTimeout> | undefined;
  $<HTMLInputElement>('q').addEventListener('input', (e) => {
    clearTimeout(timer);
    const value = (e.target as HTMLInputElement).value.trim();
    timer = setTimeout(() => {
      state.q = value;
      refresh();
    }, 120);
  });
  const bindSelect = (id: string, key: 'evaluator' | 'kind' | 'status') =>
    $<HTMLSelectElement>(id).addEventListener('change', (e) => {
      state[key] = (e.target as HTMLSelectElement).value;
      refresh();
    });
  bindSelect('f-evaluator', 'evaluator');
  bindSelect('f-kind', 'kind');
  bindSelect('f-status', 'status');
  $('scope-clear').addEventListener('click', () => {
    setScope(null);
    if (location.hash) history.replaceState(null, '', `${location.pathname}${location.search}`);
  });
  $('rows').querySelector('thead')?.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest('button');
    const key = b?.dataset.sort;
    if (!key) return;
    if (state.sortKey === key) state.sortDir = -state.sortDir;
    else {
      state.sortKey = key;
      // Numbers that signal trouble read best largest first.
      state.sortDir = key === 'gap' || key === 'errors' || key === 'warnings' ? -1 : 1;
    }
    compute();
    render();
  });
  document.querySelector('.pager')?.addEventListener('click', (e) => {
    const p = (e.target as HTMLElement).closest('button')?.dataset.page;
    if (!p) return;
    const last = pages() - 1;
    state.page = p === 'first' ? 0 : p === 'prev' ? Math.max(0, state.page - 1) : p === 'next' ? Math.min(last, state.page + 1) : last;
    render();
  });
  const choose = (e: Event) => {
    const tr = (e.target as HTMLElement).closest('tr[data-id]') as HTMLElement | null;
    if (!tr) return;
    const id = Number(tr.dataset.id);
    if (location.hash === `#s/${id}`) openDetail(id, true);
    else location.hash = `#s/${id}`;
  };
  tbody.addEventListener('click', choose);
  tbody.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(e);
    }
  });
  $('detail').addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    if (target.closest('[data-close]')) closeDetail();
    // A link to where the page already is changes no hash: open it again (it may have been scrolled away from).
    const a = target.closest('a[href^="#s/"]');
    if (a && a.getAttribute('href') === location.hash) {
      e.preventDefault();
      route();
    }
  });
  window.addEventListener('hashchange', route);

  refresh();
  route();
  document.documentElement.dataset.ready = 'true';
}
