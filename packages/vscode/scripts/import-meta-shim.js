// Injected by esbuild into the CommonJS bundles of ESM code (see build.mjs): `import.meta` is
// defined as this object, built from the bundle's own path.
import { pathToFileURL } from 'node:url';

export const __jixiao_import_meta = { url: pathToFileURL(__filename).href, dirname: __dirname, filename: __filename };
