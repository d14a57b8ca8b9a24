/** The kinds and zod schemas of the document kinds that are modules (kinds/<kind>/schema.ts): one entry per kind. */
import type { z } from 'zod';
import type { LeafBuilders } from '../format/leaf-builders.js';
import { ACCOUNTS_KINDS, buildAccountsSchemas } from './accounts/schema.js';

export const KIND_NAMES = [...ACCOUNTS_KINDS] as const;

export function kindSchemas(b: LeafBuilders, common: Record<string, z.ZodType>) {
  return { ...buildAccountsSchemas(b, common) };
}
