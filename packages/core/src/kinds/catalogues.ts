/** The fact catalogues of the document kinds that are modules (kinds/<kind>/catalogue.ts): one entry per kind. */
import { ACCOUNTS_CATALOGUE } from './accounts/catalogue.js';

export const KIND_CATALOGUES = { ...ACCOUNTS_CATALOGUE } as const;
