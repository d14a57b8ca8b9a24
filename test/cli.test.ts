import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';

const bin = join(process.cwd(), 'packages/cli/bin/jixiao.js');
const run = (...args: string[]) => runProcess(process.execPath, [bin, ...args]);

describe('jixiao check (built binary)', () => {
  it('checks the fixtures: exits 1 with the seed inconsistencies as positioned JSON findings', async () => {
    const r = await run('check', 'fixtures', '--format', 'json');
    expect(r.status).toBe(1);
    const errors = (JSON.parse(r.stdout) as { ruleId: string; severity: string; startLine: number }[]).filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.ruleId)).toContain('grades/stated-rate');
    expect(errors.every((f) => f.startLine > 0)).toBe(true);
  });
  it('gives related locations with lines and columns in other files', async () => {
    const r = await run('check', 'fixtures', '--format', 'json');
    const findings = JSON.parse(r.stdout) as { ruleId: string; file: string; related: { file: string; startLine: number; path: string }[] }[];
    const gap = findings.find((f) => f.ruleId === 'gaps/figure-differs');
    expect(gap?.file).toBe('fixtures/zaozhuang-2023/evaluation-12345-department.yaml');
    expect(gap?.related).toEqual([expect.objectContaining({ file: 'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml', path: 'budget.execution_rate' })]);
    expect(gap!.related[0]!.startLine).toBeGreaterThan(1);
  });
  it('exits 0 on a clean file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    writeFileSync(join(dir, 'ok.yaml'), 'format: jixiao/1\nkind: summary\nentries:\n  - { name: a, score: 99.5 }\n');
    expect((await run('check', dir)).status).toBe(0);
  });
  it('exits 1 with positioned JSON findings on a bad file, and still checks the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    writeFileSync(join(dir, 'bad.yaml'), 'format: jixiao/1\nkind: summary\nentries:\n  - { name: a, score: x }\n');
    writeFileSync(join(dir, 'good.yaml'), 'format: jixiao/1\nkind: summary\nentries:\n  - { name: a, score: 1 }\n');
    const r = await run('check', dir, '--format', 'json', '--locale', 'en');
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout) as { ruleId: string; file: string; startLine: number; startColumn: number; path: string }[];
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'value/unreadable', startLine: 4, startColumn: 23, path: 'entries[0].score' });
    expect(findings[0]!.file.endsWith('bad.yaml')).toBe(true);
  });
  it('exits 2 on usage errors', async () => {
    expect((await run('frobnicate')).status).toBe(2);
    expect((await run('check', '--format', 'xml')).status).toBe(2);
    expect((await run('check', 'no-such-dir-anywhere')).status).toBe(2);
  });
  it('prints Chinese by default', async () => {
    const out = (await run('check', 'fixtures')).stdout;
    expect(out).toContain('个文件');
    expect(out).toContain('错误');
  });
});

describe('stylish: long messages wrap on a terminal, rule ids whole', () => {
  const ZHENGZHOU = 'fixtures/zhengzhou-12319-2022';
  /** The CLI with stdout a pipe; `columns` set (or `undefined`: unset) as the COLUMNS variable. */
  const stylish = async (columns: string | undefined, ...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    if (columns === undefined) delete env.COLUMNS;
    else env.COLUMNS = columns;
    const r = await runProcess(process.execPath, [bin, 'check', ...args], { env });
    expect(r.status, r.stderr).toBe(1);
    return r.stdout;
  };
  const SUMMARY_ZH = '1 个文件，3 个问题（3 个错误，0 个警告，0 个提示）';

  it('at 100 columns: a Chinese message goes on under its first column, the rule id ends its last line', async () => {
    expect(await stylish('100', ZHENGZHOU)).toBe([
      'fixtures/zhengzhou-12319-2022/evaluation.yaml',
      '  429:12  错误  “将“决策、过程、产出、效益”四个一级指标对应的 10 个二级指标，按照其指标特性分解为 18',
      '                个三级指标”称 10 个，而“system”表中有 13 个  claims/count-indicators',
      '  434:12  错误  “将“决策、过程、产出、效益”四个一级指标对应的 10 个二级指标，按照其指标特性分解为 18',
      '                个三级指标”称 18 个，而“system”表中有 14 个  claims/count-indicators',
      '  460:12  错误  “项目实施单位下设四个三级指标：平台正常运行天数365 天、平台维护及时率 100%、热线接通',
      '                率≥98%。”称 4 个，但只列出 3 个  claims/count-items',
      '',
      SUMMARY_ZH,
      '',
    ].join('\n'));
  });

  it('at 60 columns: Chinese characters count two columns; a rule id that does not fit has its own line', async () => {
    expect(await stylish('60', ZHENGZHOU)).toBe([
      'fixtures/zhengzhou-12319-2022/evaluation.yaml',
      '  429:12  错误  “将“决策、过程、产出、效益”四个一级指标对应',
      '                的 10 个二级指标，按照其指标特性分解为 18 个',
      '                三级指标”称 10 个，而“system”表中有 13 个',
      '                claims/count-indicators',
      '  434:12  错误  “将“决策、过程、产出、效益”四个一级指标对应',
      '                的 10 个二级指标，按照其指标特性分解为 18 个',
      '                三级指标”称 18 个，而“system”表中有 14 个',
      '                claims/count-indicators',
      '  460:12  错误  “项目实施单位下设四个三级指标：平台正常运行',
      '                天数365 天、平台维护及时率 100%、热线接通率',
      '                ≥98%。”称 4 个，但只列出 3 个',
      '                claims/count-items',
      '',
      SUMMARY_ZH,
      '',
    ].join('\n'));
  });

  it('English at 60 columns: breaks between words, under the message column of its own severity word', async () => {
    expect(await stylish('60', ZHENGZHOU, '--locale', 'en')).toBe([
      'fixtures/zhengzhou-12319-2022/evaluation.yaml',
      '  429:12  error  “将“决策、过程、产出、效益”四个一级指标对应',
      '                 的 10 个二级指标，按照其指标特性分解为 18',
      '                 个三级指标” states 10, but scorecard',
      '                 “system” has 13  claims/count-indicators',
      '  434:12  error  “将“决策、过程、产出、效益”四个一级指标对应',
      '                 的 10 个二级指标，按照其指标特性分解为 18',
      '                 个三级指标” states 18, but scorecard',
      '                 “system” has 14  claims/count-indicators',
      '  460:12  error  “项目实施单位下设四个三级指标：平台正常运行',
      '                 天数365 天、平台维护及时率 100%、热线接通率',
      '                 ≥98%。” states 4 but lists 3',
      '                 claims/count-items',
      '',
      '1 file, 3 problems (3 errors, 0 warnings, 0 info)',
      '',
    ].join('\n'));
  });

  it('does not wrap into a pipe (CI logs) unless COLUMNS is set, nor with COLUMNS=0', async () => {
    const piped = await stylish(undefined, ZHENGZHOU);
    const lines = piped.split('\n').filter((l) => /^ {2}\d+:\d+/.test(l));
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.split('  ').pop())).toEqual(['claims/count-indicators', 'claims/count-indicators', 'claims/count-items']);
    expect(piped.split('\n')).toHaveLength(7);
    expect(await stylish('0', ZHENGZHOU)).toBe(piped);
    // A width too narrow to hold a message is no width: the lines stay long.
    expect(await stylish('30', ZHENGZHOU)).toBe(piped);
  });

  // `script` (util-linux, Essential on Debian) gives the CLI a real terminal.
  it('wraps to the width of the terminal that stdout is (process.stdout.columns)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.COLUMNS;
    delete env.FORCE_COLOR;
    const command = `stty cols 60 rows 40; ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} check ${ZHENGZHOU}`;
    const r = await runProcess('script', ['-q', '-e', '-c', command, '/dev/null'], { env });
    expect(r.stdout.replace(/\r\n/g, '\n')).toBe(await stylish('60', ZHENGZHOU));
  });

  it('on every fixture and many widths: no line over the width, every rule id whole at the end of its finding, the message all there', async () => {
    const json = JSON.parse((await runProcess(process.execPath, [bin, 'check', 'fixtures', '--format', 'json'])).stdout) as { ruleId: string; message: string; startLine: number; startColumn: number }[];
    const wide = (t: string) => [...t].reduce((n, c) => n + (/[\p{Script=Han}\u3000-\u303f\uff00-\uff60]/u.test(c) ? 2 : 1), 0);
    const widths = [44, 57, 60, 73, 80, 100, 131];
    const outputs = await Promise.all(widths.map((width) => stylish(String(width), 'fixtures')));
    widths.forEach((width, w) => {
      const out = outputs[w]!.split('\n');
      // Each finding: its first line, the continuation lines under its message (not ↳ or suggestion lines).
      const blocks: string[][] = [];
      for (const l of out) {
        if (/^ {2}\d+:\d+ /.test(l)) blocks.push([l]);
        else if (/^ {10,}\S/.test(l) && !/^ {10}(↳|建议：|可自动修复：)/.test(l) && blocks.length > 0) blocks.at(-1)!.push(l);
      }
      expect(blocks).toHaveLength(json.length);
      blocks.forEach((block, i) => {
        const f = json[i]!;
        const head = /^ {2}(\d+):(\d+) +\S+ {2}/.exec(block[0]!)!;
        expect([Number(head[1]), Number(head[2])], `${width}: ${block[0]}`).toEqual([f.startLine, f.startColumn]);
        const indent = wide(head[0]);
        const last = block.at(-1)!;
        expect(last.endsWith(`  ${f.ruleId}`) || last === `${' '.repeat(indent)}${f.ruleId}`, `${width}: ${last}`).toBe(true);
        for (const l of block) if (l.trim() !== f.ruleId) expect(wide(l), `${width}: ${l}`).toBeLessThanOrEqual(width);
        for (const l of block.slice(1)) expect(l.slice(0, indent).trim(), l).toBe('');
        // The message, its breaks undone: the same text less the spaces the lines broke at.
        const text = [block[0]!.slice(head[0].length), ...block.slice(1).map((l) => l.slice(indent))].join('').replace(new RegExp(`\\s*${f.ruleId.replace('/', '\\/')}$`), '');
        expect(text.replace(/ /g, ''), `${width}`).toBe(f.message.replace(/ /g, ''));
      });
    });
  });
});
