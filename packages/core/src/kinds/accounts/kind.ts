/** The final-accounts and budget kinds (their subjects' facts: catalogue.ts). */
import { ACCOUNTS_KINDS, type AccountsKind } from './schema.js';


export function isAccountsKind(kind: string): kind is AccountsKind {
  return (ACCOUNTS_KINDS as readonly string[]).includes(kind);
}
