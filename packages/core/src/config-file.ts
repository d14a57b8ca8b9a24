/**
 * `jixiao.config.yaml`: which packs run, each rule's severity (or off), grade bands, gap
 * thresholds, weight guidance, rounding tolerance and ignored paths. Discovered upward from each
 * checked file (the nearest file wins; settings are not merged across levels). Parsed with zod from
 * the located YAML tree, so a bad setting is reported at its line and column, and numbers are read
 * from their source text (decimal.js), never through a JS float.
 */
import { existsSync, statSync } from 'node:fs';
import { readTextFileSync } from './io/read.js';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Decimal } from 'decimal.js';
import picomatch from 'picomatch';
import { z } from 'zod';
import { defaultConfig, type CheckConfig } from './config.js';
import { formatPath, type Finding, type Severity } from './finding.js';
import { parseYaml } from './yaml/parse.js';
import { problemMessages } from './yaml/problems.js';
import { keySpanAt, nodeAt, type YNode } from './yaml/tree.js';
import { closest } from './text/closest.js';

export const CONFIG_FILE_NAMES = ['jixiao.config.yaml', 'jixiao.config.yml'] as const;

export type RuleSetting = Severity | 'off';

export interface ResolvedConfig {
  /** The config file, or null for the built-in defaults. */
  file: string | null;
  /** Ignore globs are relative to this directory. */
  dir: string;
  check: CheckConfig;
  /** Pack names (bundled) or directories (relative to `dir`); null runs every bundled pack. */
  packs: string[] | null;
  /** Named on the command line (`--config`): its packs may lie anywhere. A config found in the checked tree may name only packs inside its own directory. */
  trusted?: boolean;
  /** Severity overrides by rule id or `pack/*`. */
  rules: Record<string, RuleSetting>;
  ignore: string[];
  locale?: 'zh' | 'en';
}

const DEFAULT_IGNORE = ['**/node_modules/**', '**/.git/**'];

const decimalText = z
  .string()
  .regex(/^\d+(\.\d+)?$/, { message: 'expected a non-negative number such as 5 or 2.5' })
  .transform((s) => new Decimal(s));
const severity = z.enum(['off', 'info', 'warning', 'error']);

export const configFileSchema = z.strictObject({
  root: z.boolean().optional(),
  locale: z.enum(['zh', 'en']).optional(),
  packs: z.array(z.string().min(1)).optional(),
  rules: z.record(z.string().regex(/^[a-z-]+\/([a-z0-9-]+|\*)$/, { message: 'expected a rule id such as gaps/score-gap, or a pack such as gaps/*' }), severity).optional(),
  grades: z
    .strictObject({
      bands: z.array(z.strictObject({ grade: z.string().min(1), min: decimalText })).min(1).optional(),
      synonyms: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  gaps: z
    .strictObject({ warn: decimalText.optional(), error: decimalText.optional() })
    .optional(),
  guidance: z
    .strictObject({
      output_effect_min: decimalText.optional(),
      form: z.strictObject({ execution: decimalText, output: decimalText, effect: decimalText, satisfaction: decimalText }).partial().optional(),
      names: z.strictObject({ output: z.array(z.string()), cost: z.array(z.string()), effect: z.array(z.string()), satisfaction: z.array(z.string()) }).partial().optional(),
    })
    .optional(),
  tolerance: z.strictObject({ integers: z.enum(['exact', 'rounded']).optional() }).optional(),
  ignore: z.array(z.string().min(1).max(500).refine(boundedGlob, {
    message: 'glob too complex: at most 3 * wildcards per path segment (a pattern such as *a*a*a*a*b would take minutes to match)',
  })).max(1000).optional(),
});

export type ConfigFileData = z.infer<typeof configFileSchema>;

/** Plain data for zod: numbers keep their source text, objects have no prototype. */
function toData(node: YNode): unknown {
  if (node.kind === 'scalar') return typeof node.value === 'number' ? node.text : node.value;
  if (node.kind === 'seq') return node.items.map(toData);
  const out: Record<string, unknown> = Object.create(null);
  for (const e of node.entries) out[e.key] = toData(e.value);
  return out;
}

function configFinding(file: string, root: YNode | null, path: (string | number)[], zh: string, en: string, atKey = false): Finding {
  const span = (atKey ? keySpanAt(root as YNode, path) : null) ?? nodeAt(root, path)?.span ?? (root ? keySpanAt(root, path) : null) ?? [0, 0];
  return { ruleId: 'config/invalid', severity: 'error', message: { zh, en }, file, span, path: formatPath(path) || undefined, related: [] };
}

const KNOWN_KEYS: Record<string, string[]> = {
  '': Object.keys(configFileSchema.shape),
  grades: ['bands', 'synonyms'],
  gaps: ['warn', 'error'],
  guidance: ['output_effect_min', 'form', 'names'],
  tolerance: ['integers'],
};

function issueFinding(file: string, root: YNode | null, issue: z.core.$ZodIssue): Finding[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = formatPath(path) || '(config)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const guess = closest(key, KNOWN_KEYS[formatPath(path)] ?? []);
      const hintZh = guess ? `，是否想写“${guess}”？` : '';
      const hintEn = guess ? `; did you mean “${guess}”?` : '';
      return configFinding(file, root, [...path, key], `配置中未知的键“${key}”（位于 ${where}）${hintZh}`, `unknown key “${key}” in the config at ${where}${hintEn}`, true);
    });
  }
  if (issue.code === 'invalid_value') {
    const values = issue.values.map(String).join(' | ');
    return [configFinding(file, root, path, `配置“${where}”的值无效：应为 ${values}`, `invalid value at ${where}: expected ${values}`)];
  }
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'string' ? '文本 text' : issue.expected === 'array' ? '列表 list' : issue.expected === 'object' ? '映射 mapping' : issue.expected;
    return [configFinding(file, root, path, `配置“${where}”的类型不对：应为${expected.split(' ')[0]}`, `wrong type at ${where}: expected ${expected.split(' ').pop()}`)];
  }
  return [configFinding(file, root, path, `配置“${where}”无效：${issue.message}`, `invalid setting at ${where}: ${issue.message}`)];
}

/** Reads config text into settings over the defaults, or findings that say what is wrong and where. */
export function parseConfigFile(file: string, text: string): { config: ResolvedConfig | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const { root, problems } = parseYaml(text.replace(/^\uFEFF/, ''));
  for (const p of problems) {
    const m = problemMessages(p);
    findings.push({ ruleId: 'config/invalid', severity: 'error', message: { zh: `配置文件：${m.zh}`, en: `config file: ${m.en}` }, file, span: p.span, related: [] });
  }
  if (problems.length > 0) return { config: null, findings };
  const data = root ? toData(root) : Object.create(null);
  if (root && root.kind !== 'map') {
    return { config: null, findings: [configFinding(file, root, [], '配置文件的顶层应为键值映射', 'the config file must be a mapping at the top level')] };
  }
  const parsed = configFileSchema.safeParse(data ?? Object.create(null));
  if (!parsed.success) return { config: null, findings: parsed.error.issues.flatMap((i) => issueFinding(file, root, i)) };
  const s = parsed.data;
  if (s.gaps?.warn && s.gaps.error && s.gaps.warn.gt(s.gaps.error)) {
    findings.push(configFinding(file, root, ['gaps', 'warn'], 'gaps.warn 不应大于 gaps.error', 'gaps.warn must not exceed gaps.error'));
    return { config: null, findings };
  }
  return { config: resolveSettings(file, dirname(file), s), findings };
}

function resolveSettings(file: string | null, dir: string, s: ConfigFileData): ResolvedConfig {
  const check = defaultConfig();
  if (s.grades?.bands) check.gradeBands = [...s.grades.bands].sort((a, b) => b.min.comparedTo(a.min));
  if (s.grades?.synonyms) check.gradeSynonyms = { ...check.gradeSynonyms, ...s.grades.synonyms };
  if (s.gaps?.warn) check.gaps.warn = s.gaps.warn;
  if (s.gaps?.error) check.gaps.error = s.gaps.error;
  if (s.guidance?.output_effect_min) check.guidance.outputEffectMin = s.guidance.output_effect_min;
  if (s.guidance?.form) check.guidance.form = { ...check.guidance.form, ...definedOnly(s.guidance.form) };
  if (s.guidance?.names) check.guidance.names = { ...check.guidance.names, ...definedOnly(s.guidance.names) };
  if (s.tolerance?.integers) check.tolerance = { ...check.tolerance, integers: s.tolerance.integers };
  return { file, dir, check, packs: s.packs ?? null, rules: { ...(s.rules ?? {}) }, ignore: [...DEFAULT_IGNORE, ...(s.ignore ?? [])], locale: s.locale };
}

function definedOnly<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

/** The built-in settings, as if from an empty config file in `dir`. */
export function defaultResolvedConfig(dir = process.cwd()): ResolvedConfig {
  return resolveSettings(null, dir, {});
}

/** Finds and reads config files, caching by directory; a bad config file is reported once. */
export class ConfigResolver {
  private readonly byDir = new Map<string, string | null>();
  private readonly byFile = new Map<string, { config: ResolvedConfig | null; findings: Finding[] }>();

  /** `explicit` forces one config file for every checked file (`--config`); `false` uses the defaults (`--no-config`). */
  constructor(private readonly explicit?: string | false) {}

  /** The config file that governs `file`, or null. */
  configFileFor(file: string): string | null {
    if (this.explicit === false) return null;
    if (this.explicit) return resolve(this.explicit);
    return this.search(dirname(resolve(file)));
  }

  private search(dir: string): string | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) {
        found = candidate;
        break;
      }
    }
    if (!found) {
      const parent = dirname(dir);
      found = parent === dir ? null : this.search(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }

  /** Loads (once) the config at `file`; null file gives the defaults. */
  load(file: string | null): { config: ResolvedConfig | null; findings: Finding[] } {
    if (file === null) return { config: defaultResolvedConfig(), findings: [] };
    let entry = this.byFile.get(file);
    if (!entry) {
      const read = readTextFileSync(file);
      entry = read.ok
        ? parseConfigFile(file, read.text)
        : { config: null, findings: [{ ruleId: 'config/unreadable', severity: 'error', message: { zh: `无法读取配置文件：${read.message.zh}`, en: `cannot read the config file: ${read.message.en}` }, file, span: [0, 0], related: [] }] };
      if (entry.config && this.explicit) entry.config.trusted = true;
      this.byFile.set(file, entry);
    }
    return entry;
  }
}

/** True when `file` matches one of the config's ignore globs (relative to the config's directory). */
export function isIgnored(config: ResolvedConfig, file: string): boolean {
  const rel = relative(config.dir, resolve(file)).split(sep).join('/');
  if (rel.startsWith('../')) return outsideMatcher(resolve(file).split(sep).join('/'));
  return matcherOf(config)(rel);
}

/** Files outside the config's directory: only the default ignores apply (compiled once). */
const outsideMatcher = picomatch(DEFAULT_IGNORE, { dot: true });

/**
 * A glob's matcher is a backtracking regular expression: k `*` in one path segment cost up to n^k
 * steps on an n-character name. Three keep every name (≤ 255 characters) fast; more is refused.
 */
function boundedGlob(glob: string): boolean {
  return glob.split('/').every((segment) => segment === '**' || (segment.match(/\*/g) ?? []).length <= 3);
}

const matchers = new WeakMap<ResolvedConfig, (path: string) => boolean>();
function matcherOf(config: ResolvedConfig): (path: string) => boolean {
  let m = matchers.get(config);
  if (!m) {
    const patterns = config.ignore.map((g) => (g.endsWith('/') ? `${g}**` : g));
    m = picomatch(patterns, { dot: true });
    matchers.set(config, m);
  }
  return m;
}

/** The severity a rule runs at under this config: an exact id beats `pack/*`, which beats the rule's own. */
export function ruleSetting(config: ResolvedConfig, ruleId: string, own: Severity): RuleSetting {
  const exact = config.rules[ruleId];
  if (exact) return exact;
  const pack = config.rules[`${ruleId.split('/')[0]}/*`];
  return pack ?? own;
}

/** A finding about the setting at `path` of a config file (read again for its positions). */
export function configFindingAt(file: string, path: (string | number)[], zh: string, en: string, atKey = false): Finding {
  let root: YNode | null = null;
  const read = readTextFileSync(file);
  // Unreadable: the finding sits at the start of the file.
  if (read.ok) root = parseYaml(read.text).root;
  return configFinding(file, root, path, zh, en, atKey);
}

/** Findings for `rules:` entries that name no known rule or pack (with a "did you mean"). */
export function checkRuleNames(config: ResolvedConfig, known: readonly string[]): Finding[] {
  if (!config.file) return [];
  const file = config.file;
  const packs = new Set(known.map((id) => id.split('/')[0]));
  const out: Finding[] = [];
  for (const id of Object.keys(config.rules)) {
    const ok = id.endsWith('/*') ? packs.has(id.slice(0, -2)) : known.includes(id) || id.startsWith('parse/') || id.startsWith('schema/');
    if (ok) continue;
    const guess = closest(id, [...known, ...[...packs].map((p) => `${p}/*`)]);
    out.push(configFindingAt(file, ['rules', id], `未知的规则“${id}”${guess ? `，是否想写“${guess}”？` : ''}`, `unknown rule “${id}”${guess ? `; did you mean “${guess}”?` : ''}`, true));
  }
  return out;
}
