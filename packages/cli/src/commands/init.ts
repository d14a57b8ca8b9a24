/** `jixiao init [--force]`: writes a commented starter jixiao.config.yaml in the current directory. */
import { existsSync } from 'node:fs';
import { writeOutputFile } from '@jixiao/core';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig } from '@jixiao/core';
import { pick } from '../locale.js';
import { bundledRules } from '../shared.js';

export function starterConfig(): string {
  const packs = [...new Set(bundledRules().map((r) => r.id.split('/')[0] as string))];
  const d = defaultConfig();
  const bands = d.gradeBands.map((b) => `    - { grade: ${b.grade}, min: ${b.min.toString()} }`).join('\n');
  return `# jixiao 配置文件 — jixiao configuration (format: the README's “jixiao.config.yaml” section, \`jixiao explain <rule>\` for any rule)
# 对本目录及其子目录中的文件生效（最近的配置文件优先，不与上层合并）。
# Applies to files in this directory and below (the nearest config file wins; no merging).

# 运行哪些规则包（默认全部）；也可写本仓库中的规则包目录，如 ./rules/local
# Packs to run (default: all bundled ones); a path such as ./rules/local adds a pack of your own.
packs: [${packs.join(', ')}]

# 每条规则的级别：off | info | warning | error；pack/* 作用于整个规则包。
# Per-rule severity: off | info | warning | error; pack/* sets a whole pack.
rules: {}
#  gaps/score-gap: error
#  claims/*: warning

# 等级划分（财预〔2020〕10号：优 ≥ 90，良 ≥ 80，中 ≥ 60，差）。Grade bands, highest first.
grades:
  bands:
${bands}
  # 视为同一等级的写法 Words that mean the same grade:
  synonyms: { 优秀: 优, 良好: 良, 中等: 中, 较差: 差 }

# 自评高出外部评价多少分时提示（warn）/ 报错（error）。Score gaps (points) that draw a warning / an error.
gaps: { warn: ${d.gaps.warn.toString()}, error: ${d.gaps.error.toString()} }

# 整数是否视为精确值（exact，默认）或表示 ±0.5（rounded）。Whether integers are exact or stand for ±0.5.
tolerance: { integers: ${d.tolerance.integers} }

# 不检查的文件（相对于本文件所在目录的通配符）。Files to skip (globs relative to this file).
ignore:
  - drafts/**

# 输出语言（命令行 --locale 优先）。Output language (--locale wins).
# locale: zh
`;
}

export function initCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { force: { type: 'boolean' }, locale: { type: 'string' } } });
  const locale = values.locale === 'en' ? 'en' : 'zh';
  const file = join(process.cwd(), 'jixiao.config.yaml');
  if (existsSync(file) && !values.force) {
    console.error(pick(locale, `${file} 已存在；用 --force 覆盖。`, `${file} exists; use --force to overwrite it.`));
    return 2;
  }
  writeOutputFile(file, starterConfig());
  console.log(pick(locale, `已写入 ${file}`, `wrote ${file}`));
  return 0;
}
