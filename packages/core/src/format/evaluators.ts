/** Who evaluated: 单位自评, 部门评价, 财政评价, 第三方 (the order of independence: project-subjects.ts). */
export const EVALUATOR_TYPES = ['self', 'department', 'finance', 'third-party'] as const;
export type EvaluatorType = (typeof EVALUATOR_TYPES)[number];
