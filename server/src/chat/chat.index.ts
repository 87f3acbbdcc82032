// Ranking of knowledge-base entries for a question: BM25 over every phrasing (words and
// character bigrams; a phrasing that says much the question does not is damped), plus BM25
// over each entry's pooled phrasings (its typical words). An entry loses weight when the
// question misses its signature words or names only other programmes (低保 vs 临时救助).
// Confidence: a logistic of how much of the question the entry explains, how far it leads
// the best entry of another topic, and the score itself (weights fitted by eval.ts --fit).
import { INTENT_WORDS } from './chat.normalize';
import { generalIdf, isDomainWord, isProgramTopic, programsOf, tokenize, type Tokens } from './chat.tokenize';
import type { KbEntry } from './chat.types';

/** Weight of the parts of a compound word in a question. */
const PART_WEIGHT = 0.5;
const INTENT = new Set(INTENT_WORDS);

interface Field {
  postings: Map<string, { docs: number[]; tfs: number[] }>;
  /** Inverse frequency over entries, so a word every phrasing of one entry uses stays strong. */
  idf: Map<string, number>;
  len: Float64Array;
  avg: number;
  /** Words of each entry (union of its phrasings). */
  vocab: Array<Set<string>>;
  /** Weight of a question word the knowledge base has never seen. */
  unknown: number;
  /** Per document, the inverse-frequency mass of its distinct terms. */
  mass: Float64Array;
  k1: number;
  b: number;
}

export interface KbIndex {
  entries: KbEntry[];
  docEntry: Int32Array;
  words: Field;
  bigrams: Field;
  /** One document per entry (all its phrasings together). */
  pooled: Field;
  /** Per entry, its most characteristic words and their weights. */
  signatures: Array<Array<[string, number]>>;
  /** Per entry, its programme (topic prefix) when the topic belongs to one, else null. */
  programs: Array<string | null>;
  scratch: Float64Array;
  /** Per phrasing, the inverse-frequency mass of its terms the question matched. */
  matchedScratch: Float64Array;
  pooledScratch: Float64Array;
  entryScratch: Float64Array;
}

export interface ConfidenceModel {
  /** Weight of the bigram field relative to words. */
  bigramWeight: number;
  /** Weight of the pooled entry document relative to the best phrasing. */
  pooledWeight: number;
  /** Extra weight of intent words (领多少, 算收入, 批了没 …) in a question. */
  intentBoost: number;
  /** Share of the score kept when a question has none of the entry's signature words. */
  signatureFloor: number;
  /** Factor on an entry of one programme when the question names only others. */
  programMismatch: number;
  /** Share of a phrasing's score kept when the question matches none of the phrasing's own words. */
  phrasingFloor: number;
  /** Logistic weights over [coverage, margin, ln(1 + score), 1], fitted on labelled questions. */
  weights: [number, number, number, number];
  /** Without any domain word, confidence fades out as coverage falls from hi to lo. */
  offDomainCoverage: [number, number];
}

/** Defaults; the logistic weights come from `eval.ts --fit` (dev and own sets plus bare fragments). */
export const DEFAULT_MODEL: ConfidenceModel = {
  bigramWeight: 0.3,
  pooledWeight: 0.8,
  intentBoost: 1.3,
  signatureFloor: 0.7,
  programMismatch: 0.75,
  phrasingFloor: 0.45,
  weights: [0.16, 1, 2.15, -2.55],
  offDomainCoverage: [0.25, 0.45],
};

export interface Candidate {
  entry: number;
  score: number;
}

export interface Ranking {
  tokens: Tokens;
  /** Entries by descending score (only those with a positive score). */
  candidates: Candidate[];
  /** Best candidate of a topic other than the first one's, if any. */
  runnerUp: Candidate | undefined;
  coverage: number;
  margin: number;
  /** The question uses at least one word of the domain (assistance, this service). */
  inDomain: boolean;
  confidence: number;
}

/** A small knowledge base misjudges everyday words ("需要" in two phrasings looks rare): damp them. */
function damp(term: string): number {
  const g = generalIdf(term);
  if (g === undefined) return 1;
  return 0.35 + 0.65 * Math.min(1, Math.max(0, (g - 2.5) / 7.5));
}

type Doc = { entry: number; terms: string[] };

function buildField(entryCount: number, docs: Doc[], k1: number, b: number): Field {
  const postings = new Map<string, { docs: number[]; tfs: number[] }>();
  const len = new Float64Array(docs.length);
  const vocab = Array.from({ length: entryCount }, () => new Set<string>());
  docs.forEach((doc, d) => {
    len[d] = doc.terms.length;
    const tf = new Map<string, number>();
    for (const t of doc.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let p = postings.get(t);
      if (!p) postings.set(t, (p = { docs: [], tfs: [] }));
      p.docs.push(d);
      p.tfs.push(n);
      vocab[doc.entry]!.add(t);
    }
  });
  const df = new Map<string, number>();
  for (const v of vocab) for (const t of v) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map<string, number>();
  let max = 0;
  for (const [t, k] of df) {
    const w = Math.log(1 + (entryCount - k + 0.5) / (k + 0.5)) * damp(t);
    idf.set(t, w);
    max = Math.max(max, w);
  }
  const avg = docs.length ? len.reduce((x, y) => x + y, 0) / docs.length : 1;
  const mass = Float64Array.from(docs, (doc) => [...new Set(doc.terms)].reduce((m, t) => m + (idf.get(t) ?? 0), 0));
  return { postings, idf, len, avg: avg || 1, vocab, unknown: max * 0.8, mass, k1, b };
}

/** The entry's words that its phrasings use most, weighted by how rare they are elsewhere. */
function signature(pooled: Field, doc: Doc, size: number): Array<[string, number]> {
  const tf = new Map<string, number>();
  for (const t of doc.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return [...tf]
    .map(([t, n]): [string, number] => [t, Math.sqrt(n) * (pooled.idf.get(t) ?? 0)])
    .sort((a, b) => b[1] - a[1])
    .slice(0, size);
}

/** Builds the search index over the entries' question phrasings. */
export function buildIndex(entries: KbEntry[]): KbIndex {
  const wordDocs: Doc[] = [];
  const bigramDocs: Doc[] = [];
  entries.forEach((e, i) => {
    for (const q of [e.title, ...e.questions]) {
      const t = tokenize(q);
      wordDocs.push({ entry: i, terms: [...t.words, ...t.parts] });
      bigramDocs.push({ entry: i, terms: t.bigrams });
    }
  });
  const pooledDocs: Doc[] = entries.map((_e, i) => ({ entry: i, terms: [] }));
  for (const d of wordDocs) pooledDocs[d.entry]!.terms.push(...d.terms);
  const pooled = buildField(entries.length, pooledDocs, 1.2, 0.3);
  return {
    entries,
    docEntry: Int32Array.from(wordDocs, (d) => d.entry),
    words: buildField(entries.length, wordDocs, 1.2, 0.6),
    bigrams: buildField(entries.length, bigramDocs, 1.2, 0.6),
    pooled,
    signatures: pooledDocs.map((d) => signature(pooled, d, 4)),
    programs: entries.map((e) => (isProgramTopic(e.topic) ? e.topic.split('.')[0]! : null)),
    scratch: new Float64Array(wordDocs.length),
    matchedScratch: new Float64Array(wordDocs.length),
    pooledScratch: new Float64Array(entries.length),
    entryScratch: new Float64Array(entries.length),
  };
}

function accumulate(
  field: Field, terms: Map<string, number>, scale: number, scores: Float64Array, touched: number[], matched?: Float64Array,
): void {
  const { k1, b } = field;
  for (const [t, weight] of terms) {
    const p = field.postings.get(t);
    if (!p) continue;
    const raw = field.idf.get(t) ?? 0;
    const idf = raw * weight * scale;
    for (let i = 0; i < p.docs.length; i++) {
      const d = p.docs[i]!;
      const tf = p.tfs[i]!;
      if (scores[d] === 0) touched.push(d);
      scores[d]! += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * field.len[d]!) / field.avg));
      if (matched) matched[d]! += raw;
    }
  }
}

/** Share of the question's weight (by inverse frequency) that an entry's vocabulary covers. */
function coverage(field: Field, terms: Iterable<string>, entry: number): number {
  let all = 0;
  let hit = 0;
  for (const t of terms) {
    const w = field.idf.get(t) ?? field.unknown;
    all += w;
    if (field.vocab[entry]!.has(t)) hit += w;
  }
  return all > 0 ? hit / all : 0;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Ranks the entries for a question and computes the confidence of the best one. */
export function rank(index: KbIndex, text: string, model: ConfidenceModel = DEFAULT_MODEL): Ranking {
  const tokens = tokenize(text);
  const qw = new Map<string, number>();
  for (const w of tokens.words) qw.set(w, INTENT.has(w) ? model.intentBoost : 1);
  for (const p of tokens.parts) if (!qw.has(p)) qw.set(p, PART_WEIGHT);
  const qb = new Map(tokens.bigrams.map((g) => [g, 1]));
  const scores = index.scratch;
  const matched = index.matchedScratch;
  const touched: number[] = [];
  accumulate(index.words, qw, 1, scores, touched, matched);
  // A phrasing with much the question does not say (单独, 重病 …) is a weaker match.
  for (const d of touched) {
    const mass = index.words.mass[d]!;
    const share = mass > 0 ? Math.min(1, matched[d]! / mass) : 1;
    scores[d]! *= model.phrasingFloor + (1 - model.phrasingFloor) * share;
    matched[d] = 0;
  }
  accumulate(index.bigrams, qb, model.bigramWeight, scores, touched);
  // Best phrasing per entry, then the pooled document on top.
  const best = index.entryScratch;
  const entriesTouched: number[] = [];
  for (const d of touched) {
    const e = index.docEntry[d]!;
    if (best[e] === 0) entriesTouched.push(e);
    if (scores[d]! > best[e]!) best[e] = scores[d]!;
    scores[d] = 0;
  }
  const pooled = index.pooledScratch;
  const pooledTouched: number[] = [];
  accumulate(index.pooled, qw, model.pooledWeight, pooled, pooledTouched);
  for (const e of pooledTouched) {
    if (best[e] === 0) entriesTouched.push(e);
    best[e]! += pooled[e]!;
    pooled[e] = 0;
  }
  let maxRaw = 0;
  for (const e of entriesTouched) maxRaw = Math.max(maxRaw, best[e]!);
  // An entry below this cannot overtake the best one after the factors below.
  const floor = maxRaw * model.signatureFloor * Math.min(1, model.programMismatch);
  const named = programsOf([...qw.keys()]);
  const candidates: Candidate[] = [];
  for (const entry of entriesTouched) {
    const raw = best[entry]!;
    best[entry] = 0;
    if (raw < floor || raw <= 0) continue;
    const program = index.programs[entry] ?? null;
    const mismatch = named.size > 0 && program !== null && !named.has(program);
    let all = 0;
    let hit = 0;
    for (const [t, w] of index.signatures[entry]!) {
      all += w;
      if (qw.has(t)) hit += w;
    }
    const sig = all > 0 ? hit / all : 1;
    const factor = (model.signatureFloor + (1 - model.signatureFloor) * sig) * (mismatch ? model.programMismatch : 1);
    candidates.push({ entry, score: raw * factor });
  }
  candidates.sort((a, b) => b.score - a.score);
  const inDomain = tokens.words.some(isDomainWord);
  const top = candidates[0];
  if (!top) return { tokens, candidates, runnerUp: undefined, coverage: 0, margin: 0, inDomain, confidence: 0 };
  const topic = index.entries[top.entry]!.topic;
  const runnerUp = candidates.find((c) => index.entries[c.entry]!.topic !== topic);
  const words = new Set(tokens.words);
  const covW = words.size ? coverage(index.words, words, top.entry) : 0;
  const covB = qb.size ? coverage(index.bigrams, qb.keys(), top.entry) : 0;
  const cov = words.size ? 0.7 * covW + 0.3 * covB : covB;
  const margin = runnerUp ? (top.score - runnerUp.score) / top.score : 1;
  const [a, b, c, d] = model.weights;
  let confidence = sigmoid(a * cov + b * margin + c * Math.log1p(top.score) + d);
  if (!inDomain) {
    const [lo, hi] = model.offDomainCoverage;
    confidence *= Math.min(1, Math.max(0, (cov - lo) / (hi - lo)));
  }
  return { tokens, candidates, runnerUp, coverage: cov, margin, inDomain, confidence };
}
