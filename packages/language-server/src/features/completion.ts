/**
 * Completion while typing a jixiao/1 file: keys and enum values from the format's JSON Schema
 * (kind, evaluator type, grade…), indicator names already used in the document's other scorecards
 * (so a twin is typed the same), and the national framework's standard indicator names; inside a
 * row of a final-accounts or budget table, subject codes and names (accounts-completion.ts).
 *
 * The place in the document is read from the text above the cursor (indentation and `key:` /
 * `- key:` lines), so it works while the document is half typed and does not parse.
 */
import { CompletionItemKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import { jixiaoJsonSchema } from '@jixiao/core';
import type { FeatureContext } from '../context.js';
import { FRAMEWORK } from '../data/framework.js';
import { SAYS_JIXIAO } from '../workspace.js';
import { rowCompletions, rowPlaceAt } from './accounts-completion.js';

type Schema = Record<string, unknown>;
let rootSchema: Schema | undefined;
const schema = (): Schema => (rootSchema ??= jixiaoJsonSchema());

function resolve(s: unknown): Schema[] {
  if (typeof s !== 'object' || s === null) return [];
  const node = s as Schema;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/$defs/', '');
    return resolve((schema().$defs as Record<string, unknown>)[name]);
  }
  const alternatives = [...((node.oneOf as unknown[]) ?? []), ...((node.anyOf as unknown[]) ?? []), ...((node.allOf as unknown[]) ?? [])];
  return alternatives.length > 0 ? alternatives.flatMap(resolve) : [node];
}

/** The schemas at a path of keys ('*' for a list item), among every document kind. */
function schemasAt(path: readonly string[], kind: string | undefined): Schema[] {
  let current = resolve(schema()).filter((s) => {
    const k = (s.properties as Record<string, Schema> | undefined)?.kind;
    return !kind || !k || k.const === kind || (Array.isArray(k.enum) && k.enum.includes(kind));
  });
  for (const step of path) {
    current = current.flatMap((s) => {
      if (step === '*') return resolve(s.items);
      return resolve((s.properties as Record<string, unknown> | undefined)?.[step]);
    });
  }
  return current;
}

interface Place {
  /** Keys from the top to the mapping being typed in ('*' for list items). */
  path: string[];
  /** The key whose value is being typed, if after `key:`. */
  valueOf?: string;
  /** Keys already present in that mapping. */
  siblings: Set<string>;
  /** Names of the indicators above (for the framework's children). */
  parentNames: string[];
}

const KEY_LINE = /^(\s*)(- +)?([^\s#:][^:#]*?)\s*:(?:\s|$)/;

/** A line above the cursor: where it starts, whether it starts a list item, the column and name of its key. */
function shapeOf(line: string) {
  const lead = line.length - line.trimStart().length;
  const dash = /^\s*-(?: +|$)/.exec(line)?.[0].length ?? lead;
  const key = KEY_LINE.exec(line)?.[3];
  const name = key === 'name' ? /name:\s*([^#]*)/.exec(line)?.[1]?.trim().replace(/^(['"])(.*)\1$/, '$2') : undefined;
  return { lead, dash: dash > lead, keyCol: dash, key, name };
}

/**
 * Walks up from the cursor by indentation: inside a mapping whose keys start at `col`, its keys are
 * the siblings (for the mapping under the cursor) and its `name` a parent's name (for the others),
 * and it ends at its list item's dash or at a less indented key, whose value it is; inside a list
 * whose dashes are at `col`, other items are passed over up to the key whose value the list is.
 */
function placeAt(lines: string[], lineNo: number, character: number): Place {
  const current = (lines[lineNo] ?? '').slice(0, character);
  const valueMatch = /^(\s*)(- +)?([^\s#:][^:#]*?)\s*:\s+(.*)$/.exec(current);
  const keyMatch = /^(\s*)(- +)?([^\s:#]*)$/.exec(current);
  const m = valueMatch ?? keyMatch;
  const valueOf = valueMatch?.[3];
  const lead = m ? (m[1] ?? '').length : current.length - current.trimStart().length;
  const path: string[] = [];
  const parentNames: string[] = [];
  const siblings = new Set<string>();
  // A new list item (`- ` on the cursor's line) has no keys above; otherwise the cursor is in a mapping.
  let inList = Boolean(m?.[2]);
  let col = lead;
  let own = !inList;
  if (inList) path.unshift('*');
  for (let i = lineNo - 1; i >= 0 && (inList || col > 0 || own); i--) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const s = shapeOf(line);
    if (inList ? s.lead > col || (s.lead === col && s.dash) : s.keyCol > col) continue;
    if (!inList && s.keyCol === col) {
      if (s.key && own) siblings.add(s.key);
      else if (s.name) parentNames.unshift(s.name);
      if (s.dash) {
        // The mapping is a list item: go on in its list.
        path.unshift('*');
        [inList, col, own] = [true, s.lead, false];
      }
      continue;
    }
    // A less indented line: the key whose value holds what is below (or a bare dash: a list item).
    own = false;
    if (s.key) path.unshift(s.key);
    if (s.dash) {
      path.unshift('*');
      [inList, col] = [true, s.lead];
    } else if (s.key) [inList, col] = [false, s.keyCol];
  }
  return { path: path.filter((p, i) => !(p === '*' && path[i - 1] === '*')), valueOf, siblings, parentNames };
}

/**
 * Inside a flow mapping on the cursor's line (`- { name: 决策, wei` or `evaluator: { type: `): the
 * mapping's place is that of what precedes its `{` (a new list item, or a key's value); its keys so
 * far are the siblings; the key or value typed is the part after the last comma.
 */
function flowPlaceAt(lines: string[], lineNo: number, character: number): Place | null {
  const current = (lines[lineNo] ?? '').slice(0, character);
  const open = current.lastIndexOf('{');
  if (open < 0 || current.lastIndexOf('}') > open) return null;
  const prefix = current.slice(0, open);
  const inner = current.slice(open + 1);
  const segment = inner.slice(inner.lastIndexOf(',') + 1);
  const typed = /^\s*([^\s:,{}#]+)\s*:\s*(.*)$/.exec(segment);
  const around = [...lines];
  around[lineNo] = prefix;
  const base = placeAt(around, lineNo, prefix.length);
  const path = base.valueOf ? [...base.path, base.valueOf] : base.path;
  const siblings = new Set([...inner.slice(0, inner.length - segment.length).matchAll(/([^\s,{}:]+)\s*:/g)].map((m) => m[1] as string));
  return { path, valueOf: typed?.[1], siblings, parentNames: base.parentNames };
}

export function completion(ctx: FeatureContext, params: CompletionParams): CompletionItem[] {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc || !ctx.settings.enable) return [];
  const text = doc.getText();
  if (!SAYS_JIXIAO.test(text) && !/^\s*kind\s*:/m.test(text) && text.trim() !== '') return [];
  const lines = text.split(/\r?\n/);
  const place = flowPlaceAt(lines, params.position.line, params.position.character) ?? placeAt(lines, params.position.line, params.position.character);
  // The document's kind (on its own line: `kind: ` still being typed must not read the next line's key).
  const kind = /^kind:[ \t]*([\w-]+)/m.exec(text)?.[1];
  const zh = ctx.settings.locale === 'zh';

  // Inside a row string of a final-accounts or budget table: codes and names, nothing else.
  if (kind === 'final-accounts' || kind === 'budget') {
    const row = rowPlaceAt(text, params.position.line, params.position.character);
    if (row) {
      const line = params.position.line;
      return rowCompletions(row, ctx.settings.locale).map((c) => ({
        label: c.label,
        kind: c.kind === 'code' ? CompletionItemKind.Value : CompletionItemKind.Text,
        detail: c.detail,
        filterText: c.filter,
        sortText: c.sort,
        textEdit: { range: { start: { line, character: row.typedStart }, end: params.position }, newText: c.insert },
      }));
    }
  }

  if (place.valueOf) {
    if (place.valueOf === 'name' && place.path.includes('indicators')) return indicatorNames(ctx, params.textDocument.uri, place);
    const values = new Set<string>();
    // The value of `kind` itself: every kind, whatever the document says now.
    const topKind = place.path.length === 0 && place.valueOf === 'kind';
    for (const s of schemasAt([...place.path, place.valueOf], topKind ? undefined : kind)) {
      if (typeof s.const === 'string') values.add(s.const);
      for (const v of (s.enum as unknown[]) ?? []) if (typeof v === 'string') values.add(v);
    }
    if (place.valueOf === 'grade') for (const g of ['优', '良', '中', '差']) values.add(g);
    return [...values].map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
  }
  const keys = new Map<string, boolean>();
  for (const s of schemasAt(place.path, kind)) {
    const required = new Set((s.required as string[]) ?? []);
    for (const k of Object.keys((s.properties as Record<string, unknown>) ?? {})) keys.set(k, (keys.get(k) ?? false) || required.has(k));
  }
  return [...keys].filter(([k]) => !place.siblings.has(k)).map(([k, required]) => ({
    label: k,
    kind: CompletionItemKind.Property,
    insertText: `${k}: `,
    sortText: `${required ? '0' : '1'}${k}`,
    detail: required ? (zh ? '必需' : 'required') : undefined,
  }));
}

/** Names used in the document's other scorecards first (the twin must match), then the framework's. */
function indicatorNames(ctx: FeatureContext, uri: string, place: Place): CompletionItem[] {
  const file = ctx.pathOf(uri);
  const view = file ? ctx.workspace.get(file)?.view : undefined;
  const level = place.path.filter((p) => p === 'children').length + 1;
  const parent = place.parentNames[place.parentNames.length - 1];
  const items = new Map<string, CompletionItem>();
  const zh = ctx.settings.locale === 'zh';
  for (const card of view?.cards ?? []) {
    for (const n of card.all) {
      if (n.level !== level || items.has(n.indicator.name) || !n.indicator.name) continue;
      if (parent && n.parent && n.parent.indicator.name !== parent) continue;
      items.set(n.indicator.name, { label: n.indicator.name, kind: CompletionItemKind.Value, detail: zh ? `“${card.id}”表中已有` : `used in “${card.id}”`, sortText: `0${n.indicator.name}` });
    }
  }
  for (const group of FRAMEWORK) {
    if (group.level !== level || (group.parent && parent && group.parent !== parent)) continue;
    for (const name of group.names) {
      if (!items.has(name)) items.set(name, { label: name, kind: CompletionItemKind.Text, detail: zh ? '共性指标框架' : 'national framework', sortText: `1${name}` });
    }
  }
  return [...items.values()];
}
