/**
 * SARIF 2.1.0 (OASIS), as GitHub code scanning and other CI dashboards read it: one run, the rules
 * that fired with their docs, each result with its region, document path (logical location),
 * related locations and suggested fixes. Columns are UTF-16 code units, SARIF's default.
 */
import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule, Severity } from '@jixiao/core';
import type { Place, Report } from '../locate.js';
import type { Locale } from '../locale.js';
import { builtinRuleDocs } from '../builtin-rules.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function uriOf(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  const inside = rel !== '' && !rel.startsWith('..');
  return inside ? encodeURI(rel.split(sep).join('/')) : pathToFileURL(resolve(file)).href;
}

function physical(p: Place) {
  const uri = uriOf(p.file);
  return {
    artifactLocation: uri.startsWith('file:') ? { uri } : { uri, uriBaseId: '%SRCROOT%' },
    region: { startLine: p.startLine, startColumn: p.startColumn, endLine: p.endLine, endColumn: p.endColumn },
  };
}

export function formatSarif(report: Report, rules: readonly Rule[], locale: Locale, version: string): string {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const all = [...report.extra, ...report.located];
  const ruleIds = [...new Set(all.map((l) => l.finding.ruleId))].sort();
  const descriptors = ruleIds.map((id) => {
    const rule = byId.get(id);
    if (rule) {
      const what = rule.docs.what[locale];
      const why = rule.docs.why[locale];
      const example = rule.docs.example[locale];
      return {
        id,
        name: id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
        shortDescription: { text: rule.summary[locale] },
        fullDescription: { text: what },
        help: { text: `${what}\n\n${why}\n\n${example}`, markdown: `${what}\n\n**${locale === 'zh' ? '原因' : 'Why'}**${locale === 'zh' ? '：' : ': '}${why}\n\n**${locale === 'zh' ? '示例' : 'Example'}**${locale === 'zh' ? '：' : ': '}${example}` },
        defaultConfiguration: { level: LEVEL[rule.severity] },
        properties: { tags: ['jixiao', id.split('/')[0] as string] },
      };
    }
    const builtin = builtinRuleDocs(id);
    return {
      id,
      shortDescription: { text: builtin.summary[locale] },
      defaultConfiguration: { level: 'error' as const },
      properties: { tags: ['jixiao', id.split('/')[0] as string] },
    };
  });
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const results = all.map((l) => {
    const f = l.finding;
    const fingerprint = createHash('sha256').update(`${uriOf(f.file)}\u0000${f.ruleId}\u0000${f.path ?? `${l.place.startLine}:${l.place.startColumn}`}`).digest('hex').slice(0, 32);
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? 0,
      level: LEVEL[f.severity],
      message: { text: f.message[locale] },
      locations: [{ physicalLocation: physical(l.place), ...(f.path ? { logicalLocations: [{ fullyQualifiedName: f.path, kind: 'member' }] } : {}) }],
      ...(l.related.length > 0 ? { relatedLocations: l.related.map((r, i) => ({ id: i + 1, physicalLocation: physical(r), message: { text: r.message[locale] } })) } : {}),
      ...(f.fix ? {
        fixes: [{
          description: { text: f.fix.message[locale] },
          artifactChanges: groupEdits(f.fix.edits).map(({ file, replacements }) => ({ artifactLocation: physical({ file, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }).artifactLocation, replacements })),
        }],
      } : {}),
      partialFingerprints: { 'jixiaoFinding/v1': fingerprint },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'jixiao', semanticVersion: version, version, informationUri: 'https://www.npmjs.com/package/jixiao', rules: descriptors } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(process.cwd() + sep).href } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2);
}

/** Fix edits by file, as SARIF replacements (offsets in UTF-16 code units, like the columns). */
function groupEdits(edits: readonly { file: string; span: readonly [number, number]; text: string }[]) {
  const byFile = new Map<string, { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[]>();
  for (const e of edits) {
    const list = byFile.get(e.file) ?? [];
    list.push({ deletedRegion: { charOffset: e.span[0], charLength: e.span[1] - e.span[0] }, insertedContent: { text: e.text } });
    byFile.set(e.file, list);
  }
  return [...byFile].map(([file, replacements]) => ({ file, replacements }));
}
