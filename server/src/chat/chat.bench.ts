// Benchmark (not a test): builds a 1,000-entry knowledge base by varying the seed and
// prints index build time and answer latency p50/p99.
// Usage: node --import tsx server/src/chat/chat.bench.ts
import { createAssistant, initialState } from './chat.engine';
import { seedEntries } from './chat.kb';
import { createRegionDirectory, resolveRegionContext } from './chat.regions';
import type { KbEntry } from './chat.types';
import { seedRegionData } from './eval';

const PLACES = ['雁塔', '蓝田', '大连', '中山', '庄河', '瓦房店', '普兰店', '沙河口', '曲江', '小寨', '长延堡', '华胥', '三里', '电子城'];
const PEOPLE = ['老人', '孩子', '残疾人', '病人', '单亲妈妈', '农民工', '失业人员', '学生', '五保老人', '低保户'];

/** Copies of the seed entries, each phrasing tagged with a place and a kind of person. */
function varied(seed: KbEntry[], size: number): KbEntry[] {
  const out: KbEntry[] = [];
  for (let i = 0; out.length < size; i++) {
    const base = seed[i % seed.length]!;
    const place = PLACES[i % PLACES.length]!;
    const who = PEOPLE[Math.floor(i / seed.length) % PEOPLE.length]!;
    out.push({
      ...base,
      id: `${base.id}-v${i}`,
      title: `${place}${base.title}`,
      questions: base.questions.map((q, k) => (k % 2 ? `${place}${q}` : `${who}${q}`)),
    });
  }
  return out;
}

const percentile = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const seed = seedEntries();
const entries = varied(seed, 1000);
const warm = performance.now();
createAssistant(seed.slice(0, 2)); // loads jieba and its tables once per process
const t0 = performance.now();
const assistant = createAssistant(entries);
const buildMs = performance.now() - t0;

const { regions, parameters } = seedRegionData();
const asOf = '2026-11-22';
const context = { region: resolveRegionContext(regions, parameters, '610113', asOf), directory: createRegionDirectory(regions, parameters, asOf) };
const questions = seed.flatMap((e) => e.questions.slice(0, 6)).concat(['我不想活了', '今天天气怎么样', '那农村的呢', '低宝标准多少钱']);
for (const q of questions.slice(0, 50)) assistant.respond(initialState(), q, context); // JIT warm-up

// Wall time, and CPU time too: on a busy machine wall time also counts waiting for a core.
const times: number[] = [];
const cpu: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const q of questions) {
    const c = process.cpuUsage();
    const s = performance.now();
    assistant.respond(initialState(), q, context);
    times.push(performance.now() - s);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
console.log(`entries ${entries.length}, phrasings ${entries.reduce((n, e) => n + e.questions.length, 0)}`);
console.log(`first load (jieba + tables) ${(t0 - warm).toFixed(0)} ms, index build ${buildMs.toFixed(0)} ms`);
console.log(`answers ${times.length}: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms (wall)`);
console.log(`cpu per answer: p50 ${percentile(cpu, 50).toFixed(2)} ms, p99 ${percentile(cpu, 99).toFixed(2)} ms`);
