#!/usr/bin/env node
// Committed shim (so pnpm can link the bin before the build): starts the server over stdio.
import { startServer } from '../dist/index.js';

startServer();
