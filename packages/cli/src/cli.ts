#!/usr/bin/env node
/** The `jixiao` command: check, rules, explain, init. */
import { checkCommand, CHECK_HELP } from './commands/check.js';
import { explainCommand } from './commands/explain.js';
import { initCommand } from './commands/init.js';
import { rulesCommand } from './commands/rules.js';
import { cliVersion, localeOf, rulesDir, UsageError } from './shared.js';
import { closest, OutputError } from '@jixiao/core';

const COMMANDS = ['check', 'review', 'import', 'rules', 'explain', 'init', 'lsp', 'help'];

const USAGE = {
  zh: `用法：jixiao <命令> [选项]

  check [路径|通配符…]   检查 jixiao/1 文件（默认当前目录）；jixiao check --help 查看选项
  review [路径…] --out <目录>  财政审核报告：自包含网页、findings.csv、submissions.csv（--xlsx）
  import <文件>          把公开的部门决算、部门预算（PDF、xlsx/xls、文本）转为检查过的 jixiao/1 草稿
  rules                  列出全部规则及一句话说明（--markdown、--json）
  explain <规则编号>     解释一条规则：检查什么、为什么、示例、如何配置
  init                   在当前目录写入带注释的 jixiao.config.yaml
  lsp                    以 stdio 启动语言服务器（编辑器用）
  --version              版本号`,
  en: `usage: jixiao <command> [options]

  check [paths|globs…]   check jixiao/1 files (default: the current directory); jixiao check --help for options
  review [paths…] --out <dir>  the finance bureau's review: a self-contained page, findings.csv, submissions.csv (--xlsx)
  import <file>          a published 部门决算 or 部门预算 (PDF, xlsx/xls, text) to a checked jixiao/1 draft
  rules                  list every rule with its summary (--markdown, --json)
  explain <rule-id>      explain a rule: what, why, an example, how to configure it
  init                   write a commented jixiao.config.yaml in the current directory
  lsp                    run the language server over stdio (for editors)
  --version              print the version`,
};

async function main(argv: string[]): Promise<number> {
  let reviewHelp = '';
  let commandHelp = '';
  const locale = localeOf(argv);
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    console.log(cliVersion());
    return 0;
  }
  // `jixiao help check` is `jixiao check --help`.
  if (command === 'help' && rest[0] !== undefined && COMMANDS.includes(rest[0])) return main([rest[0], '--help', ...rest.slice(1)]);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE[locale]);
    return command === undefined ? 2 : 0;
  }
  try {
    switch (command) {
      case 'check':
        if (rest.includes('--help') || rest.includes('-h')) {
          console.log(CHECK_HELP[locale]);
          return 0;
        }
        return await checkCommand(rest);
      case 'review': {
        // Loaded on demand: the review (and ExcelJS) would slow every other command's start.
        const { REVIEW_HELP, reviewCommand } = await import('./commands/review.js');
        reviewHelp = REVIEW_HELP[locale];
        if (rest.includes('--help') || rest.includes('-h')) {
          console.log(reviewHelp);
          return 0;
        }
        return await reviewCommand(rest);
      }
      case 'import': {
        const { IMPORT_HELP, importCommand } = await import('./commands/import.js');
        commandHelp = IMPORT_HELP[locale];
        if (rest.includes('--help') || rest.includes('-h')) {
          console.log(commandHelp);
          return 0;
        }
        return await importCommand(rest);
      }
      case 'rules':
        return rulesCommand(rest);
      case 'explain':
        return explainCommand(rest);
      case 'init':
        return initCommand(rest);
      case 'lsp': {
        // The language server over stdio (same as jixiao-language-server --stdio); runs until the client says exit.
        const { startServer } = await import('@jixiao/language-server');
        startServer({ rulesDir: rulesDir() });
        return await new Promise<number>(() => undefined);
      }
      default: {
        const guess = closest(command, COMMANDS);
        const hint = guess ? (locale === 'zh' ? `，是否想写 ${guess}？` : `; did you mean ${guess}?`) : '';
        console.error(`${locale === 'zh' ? '未知命令' : 'unknown command'}: ${command}${hint}\n\n${USAGE[locale]}`);
        return 2;
      }
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      // An unknown option: the nearest known one of the command's help.
      const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(err.message)?.[1];
      const help = command === 'check' ? CHECK_HELP[locale] : command === 'review' ? reviewHelp : commandHelp || USAGE[locale];
      const options = [...new Set(help.match(/--[a-z][a-z-]*/g) ?? [])];
      const guess = unknown ? closest(unknown, options) : undefined;
      if (unknown) err.message = locale === 'zh' ? `未知选项：${unknown}${guess ? `，是否想写 ${guess}？` : ''}` : `unknown option ${unknown}${guess ? `; did you mean ${guess}?` : ''}`;
      console.error(`${err.message}\n\n${command === 'check' ? CHECK_HELP[locale] : command === 'review' ? reviewHelp : commandHelp || USAGE[locale]}`);
      return 2;
    }
    // An output that must not be written (a link, a directory, not a regular file): said, exit 2.
    if (err instanceof OutputError) {
      console.error(`jixiao: ${locale === 'zh' ? err.zh : err.en}`);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`jixiao: internal error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
