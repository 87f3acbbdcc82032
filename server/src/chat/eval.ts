// Scores the assistant in-process on a labelled JSONL file and prints
// "chat: topic N/M (P%), crisis N/M". Usage: node --import tsx server/src/chat/eval.ts [file]
// (or `eval.ts --fit [files…]` to refit the confidence weights on labelled files).
// Lines: {"text": "...", "topic"?: "...", "crisis"?: true|false, "regionCode"?: "610113"}.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { shanghaiDate } from '../../../shared/src/dates';
import type { ParameterRecord } from '../../../shared/src/policy/params';
import seedRegions from '../regions/seed-regions.json' with { type: 'json' };
import { fitConfidence } from './chat.calibrate';
import { createAssistant, initialState, type Assistant } from './chat.engine';
import { seedEntries } from './chat.kb';
import { createRegionDirectory, resolveRegionContext } from './chat.regions';
import type { RegionRecord } from './chat.types';

export interface EvalCase {
  text: string;
  topic?: string;
  crisis?: boolean;
  regionCode?: string;
}

export interface EvalResult {
  topicHits: number;
  topicTotal: number;
  crisisHits: number;
  crisisTotal: number;
  misses: string[];
}

/** The seed regions and parameter records shipped with the project. */
export function seedRegionData(): { regions: RegionRecord[]; parameters: ParameterRecord[] } {
  return { regions: seedRegions.regions as RegionRecord[], parameters: seedRegions.parameters as ParameterRecord[] };
}

/** Parses a JSONL file of labelled questions. */
export function readCases(file: string): EvalCase[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalCase);
}

/** Scores each case as a first message of a new conversation in its region (default 610113). */
export function evaluate(assistant: Assistant, cases: readonly EvalCase[], asOf: string): EvalResult {
  const { regions, parameters } = seedRegionData();
  const directory = createRegionDirectory(regions, parameters, asOf);
  const r: EvalResult = { topicHits: 0, topicTotal: 0, crisisHits: 0, crisisTotal: 0, misses: [] };
  for (const c of cases) {
    const region = resolveRegionContext(regions, parameters, c.regionCode ?? '610113', asOf);
    const out = assistant.respond(initialState(), c.text, { region, directory });
    if (c.topic !== undefined) {
      r.topicTotal++;
      if (out.reply.topic === c.topic) r.topicHits++;
      else r.misses.push(`MISS   ${c.text}  want ${c.topic}  got ${out.reply.topic} (${out.reply.confidence.toFixed(2)})`);
    }
    if (c.crisis !== undefined) {
      r.crisisTotal++;
      if (out.crisis === c.crisis) r.crisisHits++;
      else r.misses.push(`CRISIS ${c.text}  want ${c.crisis}  got ${out.crisis}`);
    }
  }
  return r;
}

/** The summary line, as the shared HTTP evaluator prints it. */
export function summary(r: EvalResult): string {
  const pct = r.topicTotal ? ((100 * r.topicHits) / r.topicTotal).toFixed(1) : '0.0';
  return `chat: topic ${r.topicHits}/${r.topicTotal} (${pct}%), crisis ${r.crisisHits}/${r.crisisTotal}`;
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--fit') {
    // Refits the confidence weights on the given files: paste the result into DEFAULT_MODEL.
    const files = args.slice(1).length ? args.slice(1) : ['test/fixtures/chat-dev.jsonl', 'test/fixtures/chat-own.jsonl'];
    const cases = files.flatMap((f) => readCases(resolve(process.cwd(), f)));
    const fit = fitConfidence(seedEntries(), cases);
    console.log(`weights ${JSON.stringify(fit.model.weights)} (log loss ${fit.logLoss.toFixed(4)}, ${fit.n} questions)`);
    return;
  }
  const file = resolve(process.cwd(), args[0] ?? 'test/fixtures/chat-dev.jsonl');
  const assistant = createAssistant(seedEntries());
  const result = evaluate(assistant, readCases(file), shanghaiDate(new Date()));
  for (const m of result.misses) console.log(m);
  console.log(summary(result));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
