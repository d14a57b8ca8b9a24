#!/usr/bin/env node
/**
 * Builds the extension (build.mjs) and packages it with vsce's API, offline: no dependencies
 * (everything is bundled), no repository or LICENSE file needed. Writes jixiao-vscode-<version>.vsix
 * here and prints its path.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildAll, root } from './build.mjs';

const require = createRequire(join(root, 'package.json'));
const { createVSIX } = require('@vscode/vsce');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const started = Date.now();
await buildAll();
const packagePath = join(root, `${name}-${version}.vsix`);
await createVSIX({ cwd: root, packagePath, dependencies: false, allowMissingRepository: true, skipLicense: true });
console.log(`jixiao-vscode: ${packagePath} (${Date.now() - started} ms)`);
