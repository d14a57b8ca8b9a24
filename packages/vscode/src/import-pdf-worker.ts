/**
 * Entry of the importer's PDF worker thread (`dist/import/pdf-worker.js`): @jixiao/import's worker,
 * which sets the stand-ins for what pdf.js would take from a native canvas module
 * (import/src/source/dom-polyfill.ts) before pdf.js loads.
 */
import '../../import/dist/source/pdf-worker.js';
