/** The rules a config runs: its packs (bundled by name, or directories of its own), at its severities. */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
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

/** `path` (links resolved) lies inside `dir`. */
function inside(dir: string, path: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const rel = relative(real(dir), real(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

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
        const dir = resolve(config.dir, entry);
        if (!config.trusted && !inside(config.dir, dir)) {
          findings.push(configFindingAt(config.file ?? '', ['packs', i],
            `规则包“${entry}”不在配置文件所在目录内：仓库中找到的配置只能使用仓库内的规则包（要使用其他位置的规则包，请用命令行 --config 指定配置）`,
            `the rule pack “${entry}” is outside the config's directory: a config found in the checked tree may only use packs inside it (name the config with --config on the command line to allow others)`));
          return;
        }
        try {
          chosen.push(...loadPack(dir));
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
