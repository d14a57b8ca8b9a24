/** The jixiao language server: `startServer()` serves LSP over stdio. */
export { startServer } from './server.js';
