/**
 * Entry of the bundled language server (`dist/server.js`): the extension starts it with
 * `node dist/server.js --stdio`; vscode-languageserver picks the transport from that argument.
 */
import { startServer } from '@jixiao/language-server';

startServer();
