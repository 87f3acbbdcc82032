/**
 * The desk's 政策问答 box: while the caller talks, the operator types the question and gets
 * the assistant's cited answers filled with the figures of the operator's area, plus the
 * reply templates whose titles match.
 */
import { seedEntries } from '../chat/chat.kb';
import type { Services } from '../platform/context';
import { replyTemplates } from './templates';

export interface DeskAnswer {
  kind: 'template' | 'faq';
  id: string;
  title: string;
  /** The assistant's answer, filled for the region (knowledge-base hits only). */
  answer?: string;
  /** Where the answer comes from (law and article), when known. */
  sources: Array<{ title: string; ref: string }>;
}

export interface DeskAnswerSource {
  /** Answers for what the operator typed, best first. `regionCode` is the operator's area. */
  search(query: string, context: { regionCode: string }): Promise<DeskAnswer[]>;
}

/** Character pairs of a text without spaces and punctuation (Chinese has no word breaks). */
function bigrams(text: string): Set<string> {
  const chars = Array.from(text.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase());
  if (chars.length === 1) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

let catalogue: DeskAnswer[] | undefined;

function entries(): DeskAnswer[] {
  catalogue ??= [
    ...replyTemplates.map((t) => ({ kind: 'template' as const, id: t.id, title: t.title, sources: [] })),
    ...seedEntries()
      .filter((e) => e.topic !== 'smalltalk' && e.topic !== 'out_of_scope')
      .map((e) => ({ kind: 'faq' as const, id: e.id, title: e.title, sources: e.sources })),
  ];
  return catalogue;
}

/** Scores each title by the share of the query's character pairs it contains; pure over the catalogue. */
export function searchTitles(query: string, limit = 8): DeskAnswer[] {
  const wanted = bigrams(query);
  if (!wanted.size) return [];
  return entries()
    .map((e) => {
      const have = bigrams(e.title);
      let hits = 0;
      for (const g of wanted) if (have.has(g)) hits++;
      return { e, score: hits / wanted.size };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((x) => x.e);
}

/** The title search as a source. */
export const titleSearch: DeskAnswerSource = { search: async (query) => searchTitles(query) };

/** The source the desk uses: the assistant's answers first, then matching reply templates. */
export function deskAnswerSource(services: Pick<Services, 'chat'>): DeskAnswerSource {
  return {
    search: async (query, { regionCode }) => {
      const hits = await services.chat.searchAnswers(query, regionCode, 4);
      const faq: DeskAnswer[] = hits
        .filter((h) => h.topic !== 'smalltalk' && h.topic !== 'out_of_scope')
        .map((h) => ({ kind: 'faq', id: h.entryId, title: h.title, answer: h.answer, sources: h.sources }));
      return [...faq, ...searchTitles(query, 8).filter((a) => a.kind === 'template').slice(0, 3)];
    },
  };
}
