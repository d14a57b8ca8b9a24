/** Writes schema/jixiao-1.schema.json (run by `pnpm schema`; a test keeps the shipped file current). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jixiaoJsonSchema } from './json-schema.js';

const target = fileURLToPath(new URL('../../../../schema/jixiao-1.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(jixiaoJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
