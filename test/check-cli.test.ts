/**
 * `jixiao check` end to end through the built binary: config discovery and settings, suppression
 * comments, output formats (SARIF validated against the OASIS schema), exit codes, --fix, and the
 * rules / explain / init commands.
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '@jixiao/core';
import { runProcess } from './run-process.js';

const root = process.cwd();
const bin = join(root, 'packages/cli/bin/jixiao.js');
const ZHENGZHOU = join(root, 'fixtures/zhengzhou-12319-2022/evaluation.yaml');
const ZAOZHUANG = join(root, 'fixtures/zaozhuang-2023');

interface JsonFinding { ruleId: string; severity: string; message: string; file: string; startLine: number; startColumn: number; endLine: number; endColumn: number; path: string | null; related: unknown[]; fix: { safe: boolean; edits: unknown[] } | null }

async function run(args: string[], cwd = root) {
  const r = await runProcess(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function json(args: string[], cwd = root): Promise<{ status: number | null; findings: JsonFinding[]; stderr: string }> {
  const r = await run([...args, '--format', 'json'], cwd);
  return { status: r.status, findings: r.stdout.trim() ? (JSON.parse(r.stdout) as JsonFinding[]) : [], stderr: r.stderr };
}

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-check-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const zhengzhou = readFileSync(ZHENGZHOU, 'utf8');
const ids = (findings: JsonFinding[]) => findings.map((f) => f.ruleId).sort();

describe('jixiao.config.yaml', () => {
  it('turns a rule off and sets a pack’s severity; exit code follows the severities', async () => {
    const dir = tempDir({ 'r.yaml': zhengzhou, 'jixiao.config.yaml': 'rules:\n  claims/count-items: off\n  claims/*: warning\n' });
    const r = await json(['check', dir]);
    expect(ids(r.findings)).toEqual(['claims/count-indicators', 'claims/count-indicators']);
    expect(r.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(r.status).toBe(0);
    expect((await json(['check', dir, '--max-warnings', '1'])).status).toBe(1);
    expect((await json(['check', dir, '--max-warnings', '2'])).status).toBe(0);
  });

  it('is found upward from the file; the nearest one wins', async () => {
    const dir = tempDir({
      'jixiao.config.yaml': 'rules: { claims/count-items: off }\n',
      'a/deep/r.yaml': zhengzhou,
      'b/jixiao.config.yaml': 'rules: { claims/count-indicators: off }\n',
      'b/r.yaml': zhengzhou,
    });
    const r = await json(['check', dir]);
    const of = (sub: string) => ids(r.findings.filter((f) => f.file.includes(sub)));
    expect(of('/a/deep/')).toEqual(['claims/count-indicators', 'claims/count-indicators']);
    expect(of('/b/')).toEqual(['claims/count-items']);
  });

  it('selects packs, ignores globs, and --no-config / --config override discovery', async () => {
    const dir = tempDir({ 'r.yaml': zhengzhou, 'drafts/x.yaml': zhengzhou, 'jixiao.config.yaml': 'packs: [sums, grades]\nignore: [drafts/**]\n', 'other.yml': 'rules: { claims/count-items: off }\n' });
    const r = await json(['check', dir]);
    expect(r.findings).toEqual([]);
    expect(r.status).toBe(0);
    const all = await json(['check', dir, '--no-config']);
    expect(ids(all.findings)).toEqual(['claims/count-indicators', 'claims/count-indicators', 'claims/count-indicators', 'claims/count-indicators', 'claims/count-items', 'claims/count-items']);
    const explicit = await json(['check', join(dir, 'r.yaml'), '--config', join(dir, 'other.yml')]);
    expect(ids(explicit.findings)).toEqual(['claims/count-indicators', 'claims/count-indicators']);
  });

  it('sets gap thresholds and grade bands', async () => {
    const dir = tempDir();
    cpSync(ZAOZHUANG, dir, { recursive: true });
    const before = (await json(['check', dir])).findings.filter((f) => f.ruleId.startsWith('gaps/score-gap'));
    expect(before.map((f) => f.severity)).toEqual(['warning', 'warning']);
    writeFileSync(join(dir, 'jixiao.config.yaml'), 'gaps: { warn: 3, error: 7 }\n');
    const stricter = (await json(['check', dir])).findings.filter((f) => f.ruleId.startsWith('gaps/score-gap'));
    expect(stricter.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['gaps/score-gap-large error', 'gaps/score-gap-large error']);
    writeFileSync(join(dir, 'jixiao.config.yaml'), 'gaps: { warn: 8, error: 12 }\n');
    expect((await json(['check', dir])).findings.filter((f) => f.ruleId.startsWith('gaps/score-gap'))).toEqual([]);

    const banded = tempDir({ 'r.yaml': 'format: jixiao/1\nkind: evaluation\nresult: { score: 86, grade: 良 }\nscorecards: []\n' });
    expect((await json(['check', banded])).findings).toEqual([]);
    writeFileSync(join(banded, 'jixiao.config.yaml'), 'grades:\n  bands: [ { grade: 优, min: 85 }, { grade: 良, min: 75 }, { grade: 中, min: 60 }, { grade: 差, min: 0 } ]\n');
    expect(ids((await json(['check', banded])).findings)).toEqual(['grades/grade-band']);
  });

  it('sets the rounding tolerance of integers (B26, B35: exact by default, within rounding when integers are rounded)', async () => {
    const dir = tempDir();
    cpSync(ZAOZHUANG, dir, { recursive: true });
    const of = (findings: JsonFinding[]) => findings.filter((f) => ['budget.execution_rate', 'statements[2].figures[1].value', 'statements[2].figures[3].value'].includes(f.path ?? '')).map((f) => `${f.path} ${f.severity}`);
    expect(of((await json(['check', dir])).findings)).toEqual(['budget.execution_rate error', 'statements[2].figures[1].value error', 'statements[2].figures[3].value error']);
    writeFileSync(join(dir, 'jixiao.config.yaml'), 'tolerance: { integers: rounded }\n');
    expect(of((await json(['check', dir])).findings)).toEqual(['budget.execution_rate info', 'statements[2].figures[1].value info', 'statements[2].figures[3].value info']);
  });

  it('reports a bad config at its line and column with a suggestion, checks nothing and exits 2', async () => {
    const dir = tempDir({ 'r.yaml': zhengzhou, 'jixiao.config.yaml': 'packs: [sums]\nrulez:\n  claims/count-items: off\n' });
    const r = await run(['check', dir]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('jixiao.config.yaml');
    expect(r.stderr).toMatch(/2:1\s+错误\s+配置中未知的键“rulez”.*是否想写“rules”/);
    writeFileSync(join(dir, 'jixiao.config.yaml'), 'rules:\n  claims/count-itemz: off\n  sums/children-score: loud\n');
    const r2 = await run(['check', dir, '--locale', 'en']);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/3:24\s+error\s+invalid value at rules\.sums\/children-score: expected off \| info \| warning \| error/);
    writeFileSync(join(dir, 'jixiao.config.yaml'), 'rules:\n  claims/count-itemz: off\n');
    const r3 = await run(['check', dir, '--locale', 'en']);
    expect(r3.stderr).toMatch(/2:3\s+error\s+unknown rule “claims\/count-itemz”; did you mean “claims\/count-items”\?/);
    writeFileSync(join(dir, 'jixiao.config.yaml'), 'packs: [sum]\ngaps: { warn: 12, error: 10 }\n');
    expect((await run(['check', dir, '--locale', 'en'])).stderr).toMatch(/gaps\.warn must not exceed gaps\.error/);
    writeFileSync(join(dir, 'jixiao.config.yaml'), 'packs: [sum]\n');
    expect((await run(['check', dir, '--locale', 'en'])).stderr).toMatch(/1:9\s+error\s+unknown rule pack “sum”; did you mean “sums”\?/);
  });

  it('reads numbers in the config from their text (no float)', () => {
    const { config, findings } = parseConfigFile('/x/jixiao.config.yaml', 'gaps: { warn: 0.1, error: 0.30 }\n');
    expect(findings).toEqual([]);
    expect(config?.check.gaps.warn.toString()).toBe('0.1');
    expect(config?.check.gaps.error.toFixed(2)).toBe('0.30');
  });
});

describe('suppression comments', () => {
  const withComments = zhengzhou
    .replace('    count: 4\n    items: [平台正常运行天数', '    # jixiao-disable-next-line claims/count-items -- the text says four\n    count: 4\n    items: [平台正常运行天数')
    .replace('    count: 10\n', '    count: 10   # jixiao-disable-line claims/*\n');

  it('disable-next-line and disable-line remove exactly the findings they name', async () => {
    const dir = tempDir({ 'r.yaml': withComments });
    expect(ids((await json(['check', dir])).findings)).toEqual(['claims/count-indicators']);
  });

  it('disable … enable covers a block; an unknown rule id in a comment is a warning', async () => {
    const text = zhengzhou.replace('claims:\n', 'claims:\n  # jixiao-disable claims/count-indicators\n').replace('  # 四、(三)1 产出数量\n', '  # jixiao-enable claims/count-indicators\n  # jixiao-disable-next-line claims/no-such-rule\n  # 四、(三)1 产出数量\n');
    const dir = tempDir({ 'r.yaml': text });
    const r = await json(['check', dir]);
    expect(ids(r.findings)).toEqual(['claims/count-items', 'suppress/unknown-rule']);
    expect(r.findings.find((f) => f.ruleId === 'suppress/unknown-rule')?.severity).toBe('warning');
  });

  it('a comment that suppresses nothing is said (suppress/unused), on its own line', async () => {
    const text = zhengzhou.replace('claims:\n', 'claims:\n  # jixiao-disable-next-line grades/score-range -- stale\n');
    const dir = tempDir({ 'r.yaml': text });
    const r = await json(['check', dir]);
    const unused = r.findings.filter((f) => f.ruleId === 'suppress/unused');
    expect(unused.map((f) => [f.severity, f.startLine, f.startColumn])).toEqual([['warning', text.split('\n').findIndex((l) => l.includes('stale')) + 1, 3]]);
  });
});

describe('output formats', () => {
  it('compact: one finding per line as file:line:col: severity: message [rule], for Vim quickfix and Emacs', async () => {
    const r = await run(['check', ZHENGZHOU, '--format', 'compact']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^.+evaluation\.yaml:\d+:\d+: (error|warning|info): .+ \[[a-z]+\/[a-z0-9-]+\]$/);
  });

  it('several -f/-o pairs in one run, the last format to stdout; the GitHub job summary', async () => {
    const dir = tempDir();
    const r = await runProcess(process.execPath, [bin, 'check', ZHENGZHOU, '-f', 'json', '-o', join(dir, 'a.json'), '-f', 'sarif', '-o', join(dir, 'b.sarif'), '-f', 'github'], { cwd: root, env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
    expect(r.status).toBe(1);
    expect((JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as JsonFinding[]).length).toBe(3);
    expect((JSON.parse(readFileSync(join(dir, 'b.sarif'), 'utf8')) as { runs: { results: unknown[] }[] }).runs[0]!.results.length).toBe(3);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error ')).length).toBe(3);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('3 个错误');
    expect(summary).toContain('`claims/count-items`');
    expect((await run(['check', ZHENGZHOU, '-f', 'json', '-f', 'sarif'])).status).toBe(2);
  });

  it('did you mean: a misspelt command, option or format; jixiao help <command>', async () => {
    const cmd = await run(['chekc']);
    expect(cmd.status).toBe(2);
    expect(cmd.stderr).toContain('是否想写 check？');
    const opt = await run(['check', '--formt', 'json']);
    expect(opt.status).toBe(2);
    expect(opt.stderr).toContain('是否想写 --format？');
    const fmt = await run(['check', '--format', 'jsn', '--locale', 'en']);
    expect(fmt.stderr).toContain('did you mean json?');
    const help = await run(['help', 'check']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--format');
  });

  it('json: each finding with its place, document path, related places and fix', async () => {
    const r = await json(['check', 'fixtures']);
    const rate = r.findings.find((f) => f.ruleId === 'grades/stated-rate');
    expect(rate).toMatchObject({ severity: 'error', file: 'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml', path: 'scorecards[9].indicators[3].children[0].children[2].rate', fix: { safe: false } });
    expect(rate!.startLine).toBeGreaterThan(1);
    expect(rate!.endColumn).toBeGreaterThan(rate!.startColumn);
  });

  it('sarif: valid SARIF 2.1.0 with rules, regions, logical paths and related locations', async () => {
    const r = await run(['check', 'fixtures', '--format', 'sarif']);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations?: { fullyQualifiedName: string }[] }[]; relatedLocations?: unknown[] }[] }[] };
    const require = createRequire(import.meta.url);
    const tool = dirname(require.resolve('@microsoft/sarif-multitool/package.json'));
    const platform = `@microsoft/sarif-multitool-${process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux'}`;
    const schemaFile = createRequire(join(tool, 'package.json')).resolve(`${platform}/sarif-2.1.0.json`);
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run0 = sarif.runs[0]!;
    expect(run0.results.length).toBe((await json(['check', 'fixtures'])).findings.length);
    for (const res of run0.results) expect(run0.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
    // Every result its own fingerprint, also two of one rule on one path (万里街道 2025's narrative item 21 names a 款 and a 项 wrongly).
    const prints = (run0.results as unknown as { partialFingerprints: Record<string, string> }[]).map((x) => x.partialFingerprints['jixiaoFinding/v1']);
    expect(new Set(prints).size).toBe(run0.results.length);
    const gap = run0.results.find((x) => x.ruleId === 'gaps/figure-differs')!;
    expect(gap.level).toBe('error');
    expect(gap.locations[0]!.physicalLocation.artifactLocation.uri).toBe('fixtures/zaozhuang-2023/evaluation-12345-department.yaml');
    expect(gap.locations[0]!.logicalLocations?.[0]?.fullyQualifiedName).toBe('budget.execution_rate');
    expect(gap.relatedLocations).toHaveLength(1);
    // The rule's docs in the chosen language.
    type Descriptor = { id: string; fullDescription: { text: string }; help: { text: string; markdown: string } };
    const descriptor = (s: unknown) => (s as { runs: { tool: { driver: { rules: Descriptor[] } } }[] }).runs[0]!.tool.driver.rules.find((d) => d.id === 'gaps/figure-differs')!;
    const zh = descriptor(sarif);
    expect(zh.fullDescription.text).toContain('同一项目的多份文件');
    expect(zh.help.markdown).toContain('**原因**：部门称“已全部支出”');
    const en = descriptor(JSON.parse((await run(['check', 'fixtures', '--format', 'sarif', '--locale', 'en'])).stdout));
    expect(en.fullDescription.text).toContain('stated by several documents of the same project');
    expect(en.help.text).toContain('Department evaluation: budget execution rate 100%; finance evaluation: 99.82%.');
    expect(en.help.markdown).toContain('**Why**: The department says “fully spent”');
  });

  it('github: one workflow annotation per finding, with file, line, column and escaped message', async () => {
    const r = await run(['check', 'fixtures', '--format', 'github']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe((await json(['check', 'fixtures'])).findings.length);
    expect(lines.every((l) => /^::(error|warning|notice) file=fixtures\/[^,]+,line=\d+,endLine=\d+,col=\d+(,endColumn=\d+)?,title=jixiao [a-z-]+\/[a-z0-9-]+::\S/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('::notice '))).toBe(true);
  });

  it('gitlab: Code Quality issues with rule, severity, path, line and a stable fingerprint', async () => {
    const r = await run(['check', 'fixtures', '--format', 'gitlab']);
    expect(r.status).toBe(1);
    const issues = JSON.parse(r.stdout) as { check_name: string; severity: string; fingerprint: string; location: { path: string; positions: { begin: { line: number } } } }[];
    expect(issues.length).toBe((await json(['check', 'fixtures'])).findings.length);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    const items = issues.find((i) => i.check_name === 'claims/count-items')!;
    expect(items).toMatchObject({ severity: 'major', location: { path: 'fixtures/zhengzhou-12319-2022/evaluation.yaml', positions: { begin: { line: 460 } } } });
  });

  it('stylish: grouped by file with line:col, severity, message and rule id; English with --locale en; --output-file', async () => {
    const r = await run(['check', ZHENGZHOU, '--locale', 'en']);
    expect(r.stdout).toContain('fixtures/zhengzhou-12319-2022/evaluation.yaml');
    expect(r.stdout).toMatch(/\n {2}460:12\s+error\s+.+claims\/count-items\n/);
    expect(r.stdout).toContain('1 file, 3 problems (3 errors, 0 warnings, 0 info)');
    const out = join(tempDir(), 'report.sarif');
    const w = await run(['check', ZHENGZHOU, '--format', 'sarif', '--output-file', out]);
    expect(w.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version).toBe('2.1.0');
  });
});

describe('--fix', () => {
  const doc = '# 自评表\nformat: jixiao/1\nkind: evaluation\nscorecards:\n  - id: s   # 分值表\n    indicators:\n      - { name: 决策, weight: １８, score: "１８．０", rate: １００．００％ }  # 原表如此\n';
  it('applies safe fixes by minimal edits, keeps comments, reports what remains', async () => {
    const dir = tempDir({ 'a.yaml': doc, 'b.yaml': doc.replace(/\n/g, '\r\n') });
    const before = await json(['check', dir]);
    expect(before.findings.map((f) => `${f.ruleId} ${f.fix?.safe}`)).toEqual(Array(6).fill('style/full-width-figure true'));
    const r = await run(['check', dir, '--fix']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 个问题');
    const fixed = '# 自评表\nformat: jixiao/1\nkind: evaluation\nscorecards:\n  - id: s   # 分值表\n    indicators:\n      - { name: 决策, weight: 18, score: "18.0", rate: 100.00% }  # 原表如此\n';
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(fixed);
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toBe(fixed.replace(/\n/g, '\r\n'));
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  it('keeps a byte-order mark', async () => {
    const dir = tempDir({ 'bom.yaml': `\uFEFF${doc}` });
    expect((await run(['check', dir, '--fix'])).status).toBe(0);
    const bytes = readFileSync(join(dir, 'bom.yaml'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('weight: 18, score: "18.0", rate: 100.00% }  # 原表如此');
  });

  it('fixes a linked file at its target (the link stays), keeps hard links and the mode, leaves a read-only file and goes on', async () => {
    const fixedLine = 'weight: 18, score: "18.0", rate: 100.00% }';
    const dir = tempDir({ 'target.yaml': doc, 'hard.yaml': doc, 'mode.yaml': doc, 'ro.yaml': doc });
    symlinkSync('target.yaml', join(dir, 'link.yaml'));
    linkSync(join(dir, 'hard.yaml'), join(dir, 'hard-2.yaml'));
    chmodSync(join(dir, 'mode.yaml'), 0o600);
    chmodSync(join(dir, 'ro.yaml'), 0o444);
    const r = await run(['check', dir, '--fix', '--format', 'json']);
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'target.yaml'), 'utf8')).toContain(fixedLine);
    expect(statSync(join(dir, 'hard.yaml')).ino).toBe(statSync(join(dir, 'hard-2.yaml')).ino);
    expect(readFileSync(join(dir, 'hard-2.yaml'), 'utf8')).toContain(fixedLine);
    expect(statSync(join(dir, 'mode.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'mode.yaml'), 'utf8')).toContain(fixedLine);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    expect(readFileSync(join(dir, 'ro.yaml'), 'utf8')).toBe(doc);
    expect(findings.filter((f) => f.ruleId === 'io/not-fixed').map((f) => f.file.replace(/^.*[\\/]/, ''))).toEqual(['ro.yaml']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never overwrites a file changed after it was read', async () => {
    const dir = tempDir({ 'a.yaml': doc });
    const { writeFixed } = await import('../packages/cli/dist/fix.js');
    writeFileSync(join(dir, 'a.yaml'), `${doc}# appended while the run went on\n`);
    expect(() => writeFixed(join(dir, 'a.yaml'), doc, doc.replace('１８', '18'))).toThrow(/changed after it was read/);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(`${doc}# appended while the run went on\n`);
  });

  it('never touches a file with a parse error, and leaves unsafe suggestions alone', async () => {
    const broken = `${doc}  - { name: 过程, weight: 16\n`;
    const dir = tempDir({ 'bad.yaml': broken, 'z.yaml': zhengzhou });
    const r = await run(['check', dir, '--fix']);
    expect(r.status).toBe(1);
    expect(readFileSync(join(dir, 'bad.yaml'), 'utf8')).toBe(broken);
    expect(readFileSync(join(dir, 'z.yaml'), 'utf8')).toBe(zhengzhou);
  });
});

describe('outputs are never written through a link', () => {
  it('-o refuses a symlinked target before any work, and writes whole', async () => {
    const dir = tempDir({ 'z.yaml': zhengzhou, 'victim.sh': 'echo hi\n' });
    symlinkSync(join(dir, 'victim.sh'), join(dir, 'out.json'));
    const r = await run(['check', join(dir, 'z.yaml'), '--format', 'json', '-o', join(dir, 'out.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('符号链接');
    expect(readFileSync(join(dir, 'victim.sh'), 'utf8')).toBe('echo hi\n');
    const ok = await run(['check', join(dir, 'z.yaml'), '--format', 'json', '-o', join(dir, 'report.json')]);
    expect(ok.status).toBe(1);
    expect((JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonFinding[]).length).toBeGreaterThan(0);
  });

  it('review --out refuses a linked file inside the output directory, and an output that is a file, before any work', async () => {
    const dir = tempDir({ 'z.yaml': zhengzhou, 'victim.sh': 'echo hi\n', 'a-file': 'x' });
    mkdirSync(join(dir, 'jixiao-review'));
    symlinkSync(join(dir, 'victim.sh'), join(dir, 'jixiao-review', 'findings.csv'));
    const r = await run(['review', join(dir, 'z.yaml'), '--out', join(dir, 'jixiao-review')]);
    expect(r.status).toBe(2);
    expect(readFileSync(join(dir, 'victim.sh'), 'utf8')).toBe('echo hi\n');
    expect(existsSync(join(dir, 'jixiao-review', 'review.html'))).toBe(false);
    const onFile = await run(['review', join(dir, 'z.yaml'), '--out', join(dir, 'a-file')]);
    expect(onFile.status).toBe(2);
    expect(onFile.stderr).toContain('不是目录');
  });

  it('init refuses a jixiao.config.yaml that is a link, even with --force', async () => {
    const dir = tempDir({ 'victim.sh': 'echo hi\n' });
    symlinkSync(join(dir, 'victim.sh'), join(dir, 'jixiao.config.yaml'));
    const r = await run(['init', '--force'], dir);
    expect(r.status).toBe(2);
    expect(readFileSync(join(dir, 'victim.sh'), 'utf8')).toBe('echo hi\n');
  });
});

describe('rules, explain, init', () => {
  it('rules lists every rule with its summary', async () => {
    const r = await run(['rules']);
    expect(r.status).toBe(0);
    const [ruleLines = '', builtIn = ''] = r.stdout.split('内置（');
    const listed = ruleLines.split('\n').filter((l) => /^[a-z-]+\/[a-z0-9-]+ /.test(l)).map((l) => l.split(/\s+/)[0]);
    expect(builtIn).toContain('io/unreadable');
    const packs = readdirSync(join(root, 'rules'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    const files = packs.flatMap((p) => readdirSync(join(root, 'rules', p)).filter((f) => f !== 'pack.yaml' && f.endsWith('.yaml')).map((f) => `${p}/${f.replace(/\.yaml$/, '')}`));
    expect(listed.sort()).toEqual(files.sort());
  });

  it('explain prints what, why, an example and how to configure; suggests on a typo', async () => {
    const r = await run(['explain', 'grades/stated-rate']);
    expect(r.status).toBe(0);
    for (const part of ['# grades/stated-rate', '## 检查什么', '## 为什么', '## 示例', '服务对象满意度', 'jixiao-disable-next-line grades/stated-rate']) expect(r.stdout).toContain(part);
    expect(r.stdout).toMatch(/→ \d+:\d+ {2}“服务对象满意度”得分率 80.00% ≠ 得分 ÷ 分值 = 98.5%/);
    const en = (await run(['explain', 'grades/stated-rate', '--locale', 'en'])).stdout;
    for (const part of ['## What it does', '## Why', '## Example']) expect(en).toContain(part);
    // The facts a rule over this subject may name, from the fact catalogue.
    expect(en).toContain('## Facts of its subject (scored)');
    expect(en).toMatch(/\n {4}computedRate {11}comparable score ÷ weight\n/);
    expect(en).toContain('A stated score rate must equal the score divided by the weight, rounded to the rate\'s decimal places.');
    expect(en).toContain('Score rates are often quoted on their own;');
    expect(en).toContain('so the score rate should be 98.50%, but the annex gives 80.00%.');
    expect(en).not.toContain('写明的得分率应等于得分除以分值');
    expect((await run(['explain', 'schema/unknown-key', '--locale', 'en'])).stdout).toContain('The jixiao/1 format has no such key here');
    const typo = await run(['explain', 'grades/stated-rat', '--locale', 'en']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('Did you mean grades/stated-rate?');
  });

  it('init writes a commented starter config that is valid and used, and refuses to overwrite', async () => {
    const dir = tempDir({ 'r.yaml': zhengzhou });
    expect((await run(['init'], dir)).status).toBe(0);
    const text = readFileSync(join(dir, 'jixiao.config.yaml'), 'utf8');
    expect(text).toContain('# ');
    expect(parseConfigFile(join(dir, 'jixiao.config.yaml'), text).findings).toEqual([]);
    expect((await run(['init'], dir)).status).toBe(2);
    expect((await run(['init', '--force'], dir)).status).toBe(0);
    expect(ids((await json(['check', '.'], dir)).findings)).toEqual(['claims/count-indicators', 'claims/count-indicators', 'claims/count-items']);
    expect(existsSync(join(dir, 'jixiao.config.yaml'))).toBe(true);
  });
});

describe('files', () => {
  it('skips YAML and JSON files that are not jixiao documents in directories, but not when named', async () => {
    const dir = tempDir({ 'r.yaml': zhengzhou, '.github/workflows/ci.yml': 'on: push\njobs: {}\n', 'package.json': '{ "name": "x" }', 'list.yaml': '- a\n- b\n', 'wrong.yaml': 'format: jixiao/2\n' });
    const r = await json(['check', dir]);
    expect(ids(r.findings)).toEqual(['claims/count-indicators', 'claims/count-indicators', 'claims/count-items', 'schema/format']);
    expect(r.findings.find((f) => f.ruleId === 'schema/format')?.file.endsWith('wrong.yaml')).toBe(true);
    expect(ids((await json(['check', join(dir, 'package.json')])).findings)).toEqual(['schema/format']);
    const stylish = await run(['check', dir]);
    expect(stylish.stdout).toContain('2 个文件');
  });
});

describe('worker threads', () => {
  it('give exactly the findings of a single-thread run, cross-file ones included', async () => {
    const one = await run(['check', 'fixtures', '--format', 'json', '--jobs', '1']);
    const two = await run(['check', 'fixtures', '--format', 'json', '--jobs', '2']);
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect((JSON.parse(two.stdout) as JsonFinding[]).some((f) => f.ruleId === 'gaps/score-gap')).toBe(true);
  });

  it('carry a stated rate across as a rounded result (86% for 86.4%: the same rate at the lower precision)', async () => {
    const doc = (type: string, rate: string) => `format: jixiao/1\nkind: evaluation\nproject: { id: p }\nevaluator: { type: ${type} }\nbudget: { execution_rate: ${rate} }\n`;
    const dir = tempDir({ 'department.yaml': doc('department', '86%'), 'finance.yaml': doc('finance', '86.4%'), 'other.yaml': doc('department', '87%').replace('id: p', 'id: q'), 'other-finance.yaml': doc('finance', '86.4%').replace('id: p', 'id: q') });
    for (const jobs of ['1', '2']) {
      const out = await run(['check', dir, '--format', 'json', '--jobs', jobs]);
      const found = (JSON.parse(out.stdout) as JsonFinding[]).filter((f) => f.ruleId === 'gaps/figure-differs' && f.severity !== 'info');
      // 87% against 86.4% differs beyond rounding; 86% against 86.4% only within it (info).
      expect(found.map((f) => f.file.replace(/^.*[\\/]/, ''))).toEqual(['other.yaml']);
    }
  });

  it('leave a file too large for a worker’s heap to the main thread, with the same findings', async () => {
    const big = zhengzhou.replace(/^notes: >-\n/m, `notes: >-\n  ${'很长的说明文字，'.repeat(40000)}\n`);
    expect(Buffer.byteLength(big)).toBeGreaterThan(256 * 1024);
    const dir = tempDir({ 'big.yaml': big });
    cpSync(ZAOZHUANG, join(dir, 'zaozhuang'), { recursive: true });
    const one = await run(['check', dir, '--format', 'json', '--jobs', '1']);
    const two = await run(['check', dir, '--format', 'json', '--jobs', '2']);
    expect(two.stdout).toBe(one.stdout);
    expect(ids((JSON.parse(two.stdout) as JsonFinding[]).filter((f) => f.file.endsWith('big.yaml')))).toEqual(['claims/count-indicators', 'claims/count-indicators', 'claims/count-items']);
  });
});

describe('jixiao lsp', () => {
  it('serves the language server over stdio', async () => {
    const child = spawn(process.execPath, [bin, 'lsp', '--stdio']);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const reply = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/"id":1/.test(out) && out.trimEnd().endsWith('}')) resolve(out);
      });
      // No deadline: a reply or the server's end (which would mean no reply ever comes).
      child.on('error', (e) => reject(new Error(`no reply (${e.message}): ${out}`)));
      child.on('close', (code, signal) => reject(new Error(`no reply: the server exited (${code ?? signal}): ${out}`)));
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
    child.kill();
    const json = JSON.parse(reply.slice(reply.indexOf('{'))) as { result: { capabilities: Record<string, unknown>; serverInfo: { name: string } } };
    expect(json.result.serverInfo.name).toBe('jixiao-language-server');
    expect(json.result.capabilities).toMatchObject({ hoverProvider: true, inlayHintProvider: true, definitionProvider: true });
  });
});

describe('exit codes', () => {
  it('0 clean, 1 errors, 2 usage', async () => {
    const dir = tempDir({ 'ok.yaml': 'format: jixiao/1\nkind: summary\nentries:\n  - { name: a, score: 99.5 }\n' });
    expect((await run(['check', dir])).status).toBe(0);
    expect((await run(['check', ZHENGZHOU])).status).toBe(1);
    expect((await run(['check', '--max-warnings', 'many'])).status).toBe(2);
    expect((await run(['check', '--bogus'])).status).toBe(2);
    expect((await run([])).status).toBe(2);
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
