#!/usr/bin/env node
// The jixiao language server (`jixiao-language-server --stdio`), installed with the CLI: the same
// server as `jixiao lsp`, with the rule packs shipped in this package. JIXIAO_RULES_DIR overrides them.
import { startServer } from '@jixiao/language-server';

startServer();
