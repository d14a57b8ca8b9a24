/** The accounts model of the document a request is about, with what the features need beside it. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from '../context.js';
import type { Locale } from '../diagnostics.js';
import { accountsModel, isAccountsView, type AccountsModel } from './model.js';

export interface AccountsRequest {
  doc: TextDocument;
  file: string;
  model: AccountsModel;
  locale: Locale;
}

export function accountsRequest(ctx: FeatureContext, uri: string): AccountsRequest | undefined {
  const doc = ctx.documents.get(uri);
  const file = ctx.pathOf(uri);
  const entry = file ? ctx.workspace.get(file) : undefined;
  const view = entry?.view;
  const settings = entry ? ctx.workspace.settingsOfEntry(entry) : undefined;
  if (!doc || !file || !isAccountsView(view) || !settings || !ctx.settings.enable) return undefined;
  const model = accountsModel(view, settings.config.check);
  return model ? { doc, file, model, locale: ctx.settings.locale } : undefined;
}
