/**
 * Checks many files in one pass with bounded memory. Each file is read, loaded and checked on its
 * own (one bad file never stops the others); afterwards only a compact project record is kept for
 * the cross-document checks (score gaps, figures stated by several documents). Documents whose
 * statements are about another document are checked at the end, with those peers re-read.
 */
import { defaultConfig, type CheckConfig } from './config.js';
import type { Finding, Severity } from './finding.js';
import { checkFile, type FileResult } from './check.js';
import { runRules, type Rule } from './engine/rules.js';
import { buildDocView, type DocView } from './facts/views.js';
import { documentSubjects, needsPeers, statementSubjects } from './facts/subjects.js';
import { hasProjectFacts, projectRecordOf, projectSubjects, type ProjectRecord } from './facts/project-subjects.js';
import { parseSuppressions, unknownDirectiveRules } from './suppressions.js';
import { LinePositions } from './yaml/lines.js';

export interface GroupOptions {
  rules: readonly Rule[];
  config?: CheckConfig;
  /** Severity for a rule id (after `off` rules were left out of `rules`); undefined keeps the finding's own. */
  severityOf?: (ruleId: string, own: Severity) => Severity | 'off';
  /** Keep each file's text and loaded document in its result (the language server, --fix). */
  keep?: boolean;
  /**
   * Whether to report a file that is not a jixiao document at all (YAML or JSON without a `format`
   * key, such as a CI workflow or package.json found while walking a directory). Default: report.
   * Files for which this returns false are left out of the results.
   */
  reportForeign?: (file: string) => boolean;
  /** Files read ahead while one is being checked. */
  readAhead?: number;
}

/** Parsed cleanly, but is not meant as a jixiao document: no top-level `format` key. */
function isForeign(result: FileResult): boolean {
  const root = result.loaded?.root;
  if (!root || result.findings.some((f) => f.ruleId.startsWith('parse/'))) return false;
  return root.kind !== 'map' || !root.entries.some((e) => e.key === 'format');
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1] || a.ruleId.localeCompare(b.ruleId));
}

/** Checks a set of files governed by the same settings; cross-document checks stay within the set. */
export async function checkGroup(files: readonly string[], options: GroupOptions): Promise<FileResult[]> {
  const config = options.config ?? defaultConfig();
  const rules = options.rules;
  const knownIds = new Set(rules.map((r) => r.id));
  const results: FileResult[] = [];
  const records: ProjectRecord[] = [];
  const deferred: { view: DocView; result: FileResult }[] = [];
  const readAhead = Math.max(1, options.readAhead ?? 16);

  const pending: Promise<FileResult>[] = [];
  let next = 0;
  const fill = () => {
    while (pending.length < readAhead && next < files.length) pending.push(checkFile(files[next++] as string));
  };
  fill();
  while (pending.length > 0) {
    const result = await (pending.shift() as Promise<FileResult>);
    fill();
    if (options.reportForeign && isForeign(result) && !options.reportForeign(result.file)) continue;
    const text = result.text;
    result.lines = new LinePositions(text);
    result.suppressions = parseSuppressions(text);
    result.findings.push(...unknownDirectiveRules(result.file, result.suppressions, knownIds));
    const doc = result.loaded?.document;
    if (doc && result.loaded) {
      const view = buildDocView(result.file, doc, result.loaded.root);
      const record = projectRecordOf(view);
      if (hasProjectFacts(record)) records.push(record);
      const peersLater = needsPeers(view);
      result.findings.push(...runRules(rules, documentSubjects(view, peersLater ? null : [view], config), config));
      if (peersLater) deferred.push({ view, result });
    }
    if (!options.keep) {
      result.text = '';
      result.loaded = null;
    }
    results.push(result);
  }

  const byFile = new Map(results.map((r) => [r.file, r]));
  for (const f of runRules(rules, projectSubjects(records, config), config)) byFile.get(f.file)?.findings.push(f);
  if (deferred.length > 0) {
    const peers = await peerViews(deferred.map((d) => d.view), records);
    for (const { view, result } of deferred) result.findings.push(...runRules(rules, statementSubjects(view, peers, config), config));
  }

  for (const r of results) {
    const kept: Finding[] = [];
    for (const f of r.findings) {
      const severity = options.severityOf ? options.severityOf(f.ruleId, f.severity) : f.severity;
      if (severity === 'off') continue;
      if (r.suppressions && r.lines && r.suppressions.covers(r.lines.position(f.span[0]).line, f.ruleId)) continue;
      kept.push(severity === f.severity ? f : { ...f, severity });
    }
    r.findings = sortFindings(kept);
  }
  return results;
}

/** The documents that deferred statements may be about: themselves and every document of the projects they name. */
async function peerViews(views: readonly DocView[], records: readonly ProjectRecord[]): Promise<DocView[]> {
  const wanted = new Set(views.flatMap((v) => (v.doc.statements ?? []).flatMap((st) => (st.about?.project ? [st.about.project] : []))));
  const own = new Set(views.map((v) => v.file));
  const files = [...new Set(records.filter((r) => r.projectId !== undefined && wanted.has(r.projectId) && !own.has(r.file)).map((r) => r.file))];
  const peers: DocView[] = [...views];
  for (const file of files) {
    const again = await checkFile(file);
    const doc = again.loaded?.document;
    if (doc && again.loaded) peers.push(buildDocView(file, doc, again.loaded.root));
  }
  return peers;
}
