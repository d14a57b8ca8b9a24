/** The built-in findings' catalogue lives in the core (builtin-findings.ts). */
export { builtinRuleDocs, builtinRuleIds } from '@jixiao/core';
