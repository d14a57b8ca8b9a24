/** The typed model of the scored kinds (evaluation reports and self-evaluation forms): indicator trees. */
import type { Figure } from '../../values/figure.js';

export interface ScoringRule {
  text?: string;
  kind?: 'proportional' | 'linear' | 'per-failure' | 'checklist' | 'text';
  full_at?: Figure;
  step?: Figure;
  per_step?: Figure;
  per_step_of_weight?: Figure;
  zero_below?: Figure;
  cap?: Figure;
  per_failure?: Figure;
  failures?: number;
  items?: { text: string; points?: Figure; met?: boolean }[];
}

export interface Indicator {
  name: string;
  printed_name?: string;
  no?: string;
  code?: string;
  weight?: Figure;
  deduction?: Figure;
  score?: Figure;
  rate?: Figure;
  grade?: string;
  target?: Figure;
  actual?: Figure;
  measured?: Figure;
  reason?: string;
  evidence?: string;
  explanation?: string;
  guidance?: string;
  nature?: string;
  measure_unit?: string;
  note?: string;
  rule?: ScoringRule;
  incomplete?: boolean;
  children?: Indicator[];
}

export interface Total {
  name?: string;
  weight?: Figure;
  deduction?: Figure;
  score?: Figure;
  rate?: Figure;
  grade?: string;
}

export interface Scorecard {
  id: string;
  title?: string;
  source?: unknown;
  role?: string;
  level?: number;
  weight?: Figure;
  incomplete?: boolean;
  note?: string;
  indicators: Indicator[];
  total?: Total;
}

/** The fields the scored kinds add to a document. */
export interface EvaluationFields {
  scorecards?: Scorecard[];
  indicators?: Indicator[];
  indicators_weight?: Figure;
  total?: Total;
}
