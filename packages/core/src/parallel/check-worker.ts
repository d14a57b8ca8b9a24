/** A worker thread running phase 1 (each file on its own) for the files the main thread sends. */
import { fileSize } from '../io/read.js';
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, checkText } from '../check.js';
import { ProjectSettings } from '../project/settings.js';
import { checkLoaded, isForeign } from '../run.js';
import { outlineOf } from '../facts/outline.js';
import { isJixiaoResult } from '../project/project.js';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';
import { packOutcome, toWire, type PackedOutcome, type WireOutcome } from './wire.js';

const port = parentPort;
if (!port) throw new Error('check-worker must run as a worker thread');
const send = (m: FromWorker) => port.postMessage(m);

function setup() {
  const { configFile, rulesDir } = workerData as WorkerSetup;
  // The same settings lookup as the main thread's (project/settings.ts), for the group's config file.
  const { settings } = new ProjectSettings(rulesDir, configFile ?? false).for(configFile ?? '');
  if ('problems' in settings) throw new Error(settings.problems.map((f) => f.message.en).join('; ') || 'config not loaded');
  return { rules: settings.rules, config: settings.config.check, knownIds: settings.knownIds };
}

const maxFileBytes = (workerData as WorkerSetup).maxFileBytes ?? Infinity;
function tooLargeHere(file: string): boolean {
  return fileSize(file) > maxFileBytes;
}

let ctx: ReturnType<typeof setup>;
try {
  ctx = setup();
  send({ type: 'ready' });
} catch (err) {
  send({ type: 'setup-failed', message: err instanceof Error ? err.message : String(err) });
  process.exit(0);
}

port.on('message', async (m: ToWorker) => {
  if (m.type === 'stop') {
    port.close();
    return;
  }
  const outcomes: (WireOutcome | PackedOutcome | null | 'main')[] = [];
  // One file at a time: a loaded document is large, and only one should be alive at once.
  for (let i = 0; i < m.files.length; i++) {
    const file = m.files[i] as string;
    const text = m.texts?.[i];
    if (text === undefined && tooLargeHere(file)) {
      outcomes.push('main');
      continue;
    }
    const result = text === undefined ? await checkFile(file) : checkText(file, text);
    if (!m.reportForeign[i] && isForeign(result)) {
      outcomes.push(null);
      continue;
    }
    if (!m.forEditor) {
      const outcome = checkLoaded(result, ctx.rules, ctx.config, ctx.knownIds);
      outcomes.push(m.packed ? packOutcome(outcome) : toWire(outcome));
      continue;
    }
    const jixiao = isJixiaoResult(result);
    const outcome = checkLoaded(result, ctx.rules, ctx.config, ctx.knownIds, true);
    if (outcome.view) outcome.outline = outlineOf(outcome.view);
    outcomes.push({ ...toWire(outcome), jixiao });
  }
  send({ type: 'checked', id: m.id, outcomes });
});
