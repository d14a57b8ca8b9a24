/**
 * Entry of the importer's PDF worker thread (`dist/import/pdf-worker.js`): @jixiao/import's worker,
 * after the stand-ins for what pdf.js would take from a native canvas module (dom-polyfill.ts).
 */
import './dom-polyfill';
import '../../import/dist/source/pdf-worker.js';
