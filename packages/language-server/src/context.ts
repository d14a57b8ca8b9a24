/** What every feature handler gets from the server. */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Rule } from '@jixiao/core';
import type { Locale } from './diagnostics.js';
import type { Workspace } from './workspace.js';

export interface FeatureContext {
  workspace: Workspace;
  documents: TextDocuments<TextDocument>;
  settings: { enable: boolean; locale: Locale };
  pathOf: (uri: string) => string | null;
  rules: () => Map<string, Rule>;
}
