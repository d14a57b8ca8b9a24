/** The fact catalogues of the document kinds (kinds/<kind>/catalogue.ts): one entry per kind. */
import { ACCOUNTS_CATALOGUE } from './accounts/catalogue.js';
import { EVALUATION_CATALOGUE } from './evaluation/catalogue.js';

export const KIND_CATALOGUES = { ...EVALUATION_CATALOGUE, ...ACCOUNTS_CATALOGUE } as const;
