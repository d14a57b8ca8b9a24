/** The rules a config runs: its packs (bundled by name, or directories of its own), at its severities. */
import { resolve } from 'node:path';
import { checkRuleNames, configFindingAt, ruleSetting, type ResolvedConfig } from './config-file.js';
import { loadPack, type Rule } from './engine/rules.js';
import type { Finding, Severity } from './finding.js';
import { closest } from './text/closest.js';

export interface RuleSelection {
  rules: Rule[];
  /** Severity for findings that come from reading files (parse/…, schema/…), per the config. */
  severityOf: (ruleId: string, own: Severity) => Severity | 'off';
  findings: Finding[];
}

const isPath = (entry: string) => entry.startsWith('.') || entry.startsWith('/') || entry.includes('/') || entry.includes('\\');

export function selectRules(config: ResolvedConfig, bundled: readonly Rule[]): RuleSelection {
  const findings: Finding[] = [];
  let chosen: Rule[];
  if (config.packs === null) {
    chosen = [...bundled];
  } else {
    chosen = [];
    const names = [...new Set(bundled.map((r) => r.id.split('/')[0] as string))];
    config.packs.forEach((entry, i) => {
      if (isPath(entry)) {
        try {
          chosen.push(...loadPack(resolve(config.dir, entry)));
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          findings.push(configFindingAt(config.file ?? '', ['packs', i], `无法读取规则包“${entry}”：${message}`, `cannot load the rule pack “${entry}”: ${message}`));
        }
        return;
      }
      const rules = bundled.filter((r) => r.id.startsWith(`${entry}/`));
      if (rules.length === 0) {
        const guess = closest(entry, names);
        findings.push(configFindingAt(config.file ?? '', ['packs', i], `未知的规则包“${entry}”${guess ? `，是否想写“${guess}”？` : `（可用：${names.join('、')}）`}`, `unknown rule pack “${entry}”${guess ? `; did you mean “${guess}”?` : ` (available: ${names.join(', ')})`}`));
      }
      chosen.push(...rules);
    });
  }
  findings.push(...checkRuleNames(config, [...bundled, ...chosen].map((r) => r.id)));
  const rules: Rule[] = [];
  for (const rule of chosen) {
    const setting = ruleSetting(config, rule.id, rule.severity);
    if (setting === 'off') continue;
    rules.push(setting === rule.severity ? rule : { ...rule, severity: setting });
  }
  const ruleIds = new Set(chosen.map((r) => r.id));
  return {
    rules,
    findings,
    // Rule findings already carry their configured severity (a rounding note keeps its own).
    severityOf: (ruleId, own) => (ruleIds.has(ruleId) ? own : ruleSetting(config, ruleId, own)),
  };
}
