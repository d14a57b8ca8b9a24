/**
 * The language server in a real editor: headless Neovim (0.7 or later; Debian bookworm ships 0.7.2,
 * which has vim.lsp.start_client but not vim.lsp.start) opens the zhengzhou evaluation with the
 * server configured, waits for its diagnostics and writes them out as JSON. CI installs Neovim
 * (.ci/run); without it this test fails, saying so.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_BIN } from './lsp/client.js';
import { runProcess } from './run-process.js';

const repo = process.cwd();
const FIXTURES = join(repo, 'fixtures');
const FILE = join(FIXTURES, 'zhengzhou-12319-2022/evaluation.yaml');

/** Opens FILE, starts the server for the buffer, waits (up to 5 minutes, for a loaded machine) for diagnostics, writes them to JIXIAO_OUT, quits. */
const INIT_LUA = `
local file, root, out = os.getenv('JIXIAO_FILE'), os.getenv('JIXIAO_ROOT'), os.getenv('JIXIAO_OUT')
local function finish(result)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'jixiao',
    cmd = { os.getenv('JIXIAO_NODE'), os.getenv('JIXIAO_SERVER'), '--stdio' },
    root_dir = root,
    settings = { jixiao = { enable = true, locale = 'zh' } },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local got = vim.wait(300000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    -- Neovim 0.7.2 sets d.code and (deprecated) user_data.lsp.code; older 0.7 builds only the latter.
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity,
      message = d.message, source = d.source or vim.NIL, code = d.code or lsp.code or vim.NIL,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end
  local client = vim.lsp.get_client_by_id(client_id)
  finish({ waited = got, version = vim.version(), server = client and client.server_capabilities ~= nil, diagnostics = diagnostics })
end)
if not ok then finish({ error = tostring(err) }) end
`;

interface NvimDiagnostic { lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string; source: string | null; code: string | null; href: string | null }

describe('Neovim', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-nvim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the three findings of the zhengzhou evaluation through the language server', async () => {
    const version = await runProcess('nvim', ['--version']);
    if (version.error || version.status !== 0) {
      throw new Error('Neovim (nvim) is not installed: .ci/run installs it (Debian package neovim); here run `apt-get install -y neovim`.');
    }
    expect(existsSync(SERVER_BIN)).toBe(true);

    const init = join(dir, 'init.lua');
    const out = join(dir, 'diagnostics.json');
    writeFileSync(init, INIT_LUA);
    const run = await runProcess('nvim', ['--headless', '--clean', '-u', init], {
      // Only a guard against a hung editor, well past the 5 minutes init.lua waits for diagnostics.
      timeout: 10 * 60_000,
      env: {
        ...process.env,
        JIXIAO_FILE: FILE, JIXIAO_ROOT: FIXTURES, JIXIAO_OUT: out, JIXIAO_NODE: process.execPath, JIXIAO_SERVER: SERVER_BIN,
        // Neovim's state, logs and shada stay in the temp directory.
        XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), XDG_STATE_HOME: join(dir, 'state'), XDG_CACHE_HOME: join(dir, 'cache'),
      },
    });
    expect(existsSync(out), `nvim wrote nothing (status ${run.status}, signal ${run.signal}): ${run.stderr}${run.stdout}`).toBe(true);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { error?: string; waited?: boolean; diagnostics?: NvimDiagnostic[] };
    expect(result.error).toBeUndefined();
    expect(result.waited).toBe(true);

    // What jixiao check reports for the file, 0-based, with byte columns (Neovim's col counts bytes).
    const check = await runProcess(process.execPath, [join(repo, 'packages/cli/bin/jixiao.js'), 'check', FILE, '--format', 'json']);
    const findings = JSON.parse(check.stdout) as { ruleId: string; severity: string; message: string; file: string; startLine: number; startColumn: number }[];
    const lines = readFileSync(FILE, 'utf8').split('\n');
    const byteCol = (line: number, column: number) => Buffer.byteLength(lines[line - 1]!.slice(0, column - 1));
    const expected = findings.filter((f) => resolve(f.file) === FILE)
      .map((f) => ({ lnum: f.startLine - 1, col: byteCol(f.startLine, f.startColumn), code: f.ruleId, severity: 1, message: f.message }));
    const got = result.diagnostics!.map((d) => ({ lnum: d.lnum, col: d.col, code: d.code, severity: d.severity, message: d.message }));
    const order = (a: { lnum: number }, b: { lnum: number }) => a.lnum - b.lnum;
    expect(got.sort(order)).toEqual(expected.sort(order));
    expect(got.map((d) => [d.lnum, d.col, d.code])).toEqual([
      [428, 11, 'claims/count-indicators'],
      [433, 11, 'claims/count-indicators'],
      [459, 11, 'claims/count-items'],
    ]);
    expect(result.diagnostics!.every((d) => d.source === 'jixiao' && d.severity === 1)).toBe(true);
  });
});
