/** The final-accounts and budget kinds: their names and the subjects their pack runs over. */
import { ACCOUNTS_KINDS, type AccountsKind } from './schema.js';

export const ACCOUNTS_SUBJECT_KINDS = ['accounts-identity', 'accounts-table', 'accounts-row', 'narrative-amount', 'narrative-share', 'narrative-shares-total', 'narrative-change'] as const;

export function isAccountsKind(kind: string): kind is AccountsKind {
  return (ACCOUNTS_KINDS as readonly string[]).includes(kind);
}
