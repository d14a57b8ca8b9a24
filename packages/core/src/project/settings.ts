/**
 * The settings that govern each file, one lookup for every front end (CLI, its workers, the
 * language server, review): its `jixiao.config.yaml` (or the one given with --config, or none),
 * the packs and severities it selects from the bundled rules, and whether it ignores the file.
 * Each config file is read once; its problems are returned, never thrown.
 */
import { ConfigResolver, isIgnored, type ResolvedConfig } from '../config-file.js';
import { loadPacks, type Rule } from '../engine/rules.js';
import type { Finding } from '../finding.js';
import { selectRules, type RuleSelection } from '../rule-selection.js';

export interface Settings {
  rules: Rule[];
  selection: RuleSelection;
  config: ResolvedConfig;
  knownIds: Set<string>;
}

export type SettingsOrProblems = Settings | { problems: Finding[] };

export class ProjectSettings {
  private resolver: ConfigResolver;
  private readonly byConfig = new Map<string, SettingsOrProblems>();
  private bundled?: Rule[];

  /** `config`: a config file for every file (`--config`), `false` for the defaults, undefined to look upward from each file. */
  constructor(private readonly rulesDir: string, private readonly config?: string | false, bundled?: readonly Rule[]) {
    this.resolver = new ConfigResolver(config);
    if (bundled) this.bundled = [...bundled];
  }

  bundledRules(): Rule[] {
    this.bundled ??= loadPacks(this.rulesDir);
    return this.bundled;
  }

  /** The settings for a file, keyed by its config file ('' for none). */
  for(file: string): { key: string; settings: SettingsOrProblems } {
    const configFile = this.resolver.configFileFor(file);
    const key = configFile ?? '';
    let s = this.byConfig.get(key);
    if (!s) {
      const { config, findings } = this.resolver.load(configFile);
      if (!config) s = { problems: findings };
      else {
        const selection = selectRules(config, this.bundledRules());
        s = selection.findings.length > 0 ? { problems: selection.findings } : { rules: selection.rules, selection, config, knownIds: new Set(selection.rules.map((r) => r.id)) };
      }
      this.byConfig.set(key, s);
    }
    return { key, settings: s };
  }

  /** Settings already read, by key. */
  get(key: string): SettingsOrProblems | undefined {
    return this.byConfig.get(key);
  }

  /** The file is left out by its config's `ignore` globs (CLI and editor alike). */
  ignores(file: string): boolean {
    const { settings } = this.for(file);
    return !('problems' in settings) && isIgnored(settings.config, file);
  }

  /**
   * Files grouped by the settings that govern them (each group is checked together: its
   * cross-document phase sees the group), leaving out the files their config ignores; the
   * problems of configs that cannot be read, once each.
   */
  group(files: readonly string[]): { groups: { key: string; settings: Settings; files: string[] }[]; problems: Finding[] } {
    const groups = new Map<string, { key: string; settings: Settings; files: string[] }>();
    const problems: Finding[] = [];
    const broken = new Set<string>();
    for (const file of files) {
      const { key, settings } = this.for(file);
      if ('problems' in settings) {
        if (!broken.has(key)) problems.push(...settings.problems);
        broken.add(key);
        continue;
      }
      let group = groups.get(key);
      if (!group) {
        group = { key, settings, files: [] };
        groups.set(key, group);
      }
      if (!isIgnored(settings.config, file)) group.files.push(file);
    }
    return { groups: [...groups.values()], problems };
  }

  /** Forgets every config file read (one changed on disk). */
  reload(): void {
    this.resolver = new ConfigResolver(this.config);
    this.byConfig.clear();
  }

  /** Every rule in use (of every config), by id. */
  rulesById(): Map<string, Rule> {
    const map = new Map<string, Rule>(this.bundledRules().map((r) => [r.id, r]));
    for (const s of this.byConfig.values()) if (!('problems' in s)) for (const r of s.rules) map.set(r.id, r);
    return map;
  }
}
