/**
 * What a page says it is: the title of each of the nine public tables of a 部门决算 or a (Shanghai)
 * 部门预算 / 单位预算, and the kind of the whole document from its cover or first title. Titles
 * are matched without spaces, with quotes and brackets of either width, most specific first.
 */
/** The document kinds import can draft. */
export type DraftKind = 'final-accounts' | 'budget' | 'self-evaluation';

export type TableRole =
  | 'summary' | 'income' | 'expenditure' | 'fiscal-summary' | 'general-public' | 'general-public-basic'
  | 'government-fund' | 'state-capital' | 'three-public';

interface TitlePattern {
  role: TableRole;
  kind: 'final-accounts' | 'budget';
  pattern: RegExp;
}

/** Most specific first: 财政拨款收支 before 收支, 基本支出 before 支出. */
const TITLES: TitlePattern[] = [
  { kind: 'final-accounts', role: 'fiscal-summary', pattern: /财政拨款收入支出决算总表/ },
  { kind: 'final-accounts', role: 'summary', pattern: /收入支出决算总表/ },
  { kind: 'final-accounts', role: 'general-public-basic', pattern: /一般公共预算财政拨款基本支出决算(明细)?表/ },
  { kind: 'final-accounts', role: 'general-public', pattern: /一般公共预算财政拨款(项目)?支出决算表/ },
  { kind: 'final-accounts', role: 'government-fund', pattern: /政府性基金预算财政拨款(收入)?支出决算表/ },
  { kind: 'final-accounts', role: 'state-capital', pattern: /国有资本经营预算财政拨款(收入)?支出决算表/ },
  { kind: 'final-accounts', role: 'three-public', pattern: /三公"?经费支出决算表/ },
  { kind: 'final-accounts', role: 'income', pattern: /收入决算表/ },
  { kind: 'final-accounts', role: 'expenditure', pattern: /支出决算表/ },
  { kind: 'budget', role: 'fiscal-summary', pattern: /财政拨款收支预算总表/ },
  { kind: 'budget', role: 'summary', pattern: /(财务)?收支预算总表/ },
  { kind: 'budget', role: 'general-public-basic', pattern: /一般公共预算基本支出.*经济分类预算表/ },
  { kind: 'budget', role: 'general-public', pattern: /一般公共预算(支出)?功能分类预算表/ },
  { kind: 'budget', role: 'government-fund', pattern: /政府性基金预算(支出)?功能分类预算表/ },
  { kind: 'budget', role: 'state-capital', pattern: /国有资本经营预算(支出)?功能分类预算表/ },
  { kind: 'budget', role: 'three-public', pattern: /三公"?经费(和机关运行经费)?预算表/ },
  { kind: 'budget', role: 'income', pattern: /收入预算总表/ },
  { kind: 'budget', role: 'expenditure', pattern: /支出预算总表/ },
];

/** A title as compared: no spaces, quotes and brackets folded to ASCII. */
export function foldTitle(text: string): string {
  return text.replace(/\s+/g, '').replace(/[“”「」『』]/g, '"').replace(/（/g, '(').replace(/）/g, ')');
}

export interface TitleMatch {
  role: TableRole;
  kind: 'final-accounts' | 'budget';
  /** The printed number before the title (公开01表, 1, 一), if any. */
  no?: string;
  /** The title as printed, without the number. */
  title: string;
}

/** Numbering printed with a title: 公开01表, 表1, 1., 一、, 附表1 … */
const NUMBER = /^(?:[-•·]\s*)?(公开\d{1,2}表|附?表\s*\d{1,2}|\d{1,2}[.、．]|[一二三四五六七八九十]{1,2}[、.．])\s*/;

/**
 * The table a line's text is the title of, or undefined. A heading of the narrative (…情况说明), a
 * line of a table of contents (with a page number after dots) and a sentence are not titles.
 */
export function matchTitle(text: string): TitleMatch | undefined {
  const trimmed = text.trim();
  if (trimmed.length > 48 || /说明|情况|[。；，]|\.{3}|…/.test(trimmed)) return undefined;
  const numbered = NUMBER.exec(trimmed);
  const title = numbered ? trimmed.slice(numbered[0].length).trim() : trimmed;
  const folded = foldTitle(title);
  const hit = TITLES.find((t) => t.pattern.test(folded));
  if (!hit) return undefined;
  return { role: hit.role, kind: hit.kind, title, ...(numbered ? { no: numbered[1]?.replace(/[.、．]$/, '') ?? '' } : {}) };
}

/** The kind of document a cover or heading line names, if any. */
export function kindOfLine(text: string): DraftKind | undefined {
  const t = text.replace(/\s+/g, '');
  if (/绩效自评表|绩效自评/.test(t)) return 'self-evaluation';
  if (/部门决算|单位决算/.test(t)) return 'final-accounts';
  if (/部门预算|单位预算/.test(t)) return 'budget';
  return undefined;
}
