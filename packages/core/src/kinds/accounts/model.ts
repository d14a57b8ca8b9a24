/** The typed model of the nine public tables, as the located schema reads them. */
import type { RowText } from '../../format/located-schema.js';
import type { TableRole } from './schema.js';

export interface TableBlock {
  columns: string[];
  rows: RowText[];
}

export interface PublicTable {
  /** Absent only when the schema repaired a document that lacks it (load.ts). */
  role?: TableRole;
  no?: string;
  title?: string;
  unit?: '元' | '万元' | '千元' | '亿元';
  source?: unknown;
  note?: string;
  empty?: string;
  incomplete?: boolean;
  columns?: string[];
  rows?: RowText[];
  income?: TableBlock;
  expenditure?: TableBlock;
}

/** The fields final accounts and budgets add to a document. */
export interface AccountsFields {
  entity?: { name: string; code?: string; level?: 'department' | 'unit'; authority?: string };
  year?: number;
  public_tables?: PublicTable[];
}
