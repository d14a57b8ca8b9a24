/** Settings that rules read: grade bands, gap thresholds, weight guidance, tolerance. */
import { Decimal } from 'decimal.js';
import { DEFAULT_TOLERANCE, type TolerancePolicy } from './values/tolerance.js';

export interface GradeBand {
  grade: string;
  /** Inclusive lower bound. */
  min: Decimal;
}

export interface CheckConfig {
  /** Highest band first. 财预〔2020〕10号: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below. */
  gradeBands: GradeBand[];
  /** Grade words that mean the same band. */
  gradeSynonyms: Record<string, string>;
  gaps: { warn: Decimal; error: Decimal };
  guidance: {
    /** evaluation reports: 产出 + 效益 first-level weights together at least this. */
    outputEffectMin: Decimal;
    /** self-evaluation forms: 预算执行率 / 产出 (with 成本) / 效益 / 满意度. */
    form: { execution: Decimal; output: Decimal; effect: Decimal; satisfaction: Decimal };
    /** First-level names that count as each group. */
    names: { output: string[]; cost: string[]; effect: string[]; satisfaction: string[] };
  };
  tolerance: TolerancePolicy;
}

export function defaultConfig(): CheckConfig {
  return {
    gradeBands: [
      { grade: '优', min: new Decimal(90) },
      { grade: '良', min: new Decimal(80) },
      { grade: '中', min: new Decimal(60) },
      { grade: '差', min: new Decimal(0) },
    ],
    gradeSynonyms: { 优秀: '优', 良好: '良', 中等: '中', 较差: '差', 合格: '中' },
    gaps: { warn: new Decimal(5), error: new Decimal(10) },
    guidance: {
      outputEffectMin: new Decimal(60),
      form: { execution: new Decimal(10), output: new Decimal(50), effect: new Decimal(30), satisfaction: new Decimal(10) },
      names: {
        output: ['产出', '产出指标', '项目产出'],
        cost: ['成本', '成本指标'],
        effect: ['效益', '效果', '效益指标', '项目效益'],
        satisfaction: ['满意度', '满意度指标'],
      },
    },
    tolerance: { ...DEFAULT_TOLERANCE },
  };
}

export function canonicalGrade(grade: string, config: CheckConfig): string {
  const g = grade.trim();
  return Object.hasOwn(config.gradeSynonyms, g) ? (config.gradeSynonyms[g] as string) : g;
}

export function gradeFor(score: Decimal, config: CheckConfig): string | null {
  return gradeIn(score, config.gradeBands);
}

/** The grade of `score` in `bands` (highest first). */
export function gradeIn(score: Decimal, bands: readonly GradeBand[]): string | null {
  for (const band of bands) if (score.gte(band.min)) return band.grade;
  return null;
}
