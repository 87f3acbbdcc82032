/**
 * ASSISTANT SEAM — the desk's 政策问答 box. The desk asks a `DeskAnswerSource` for answers to
 * what the operator types while the caller talks. For now the only source searches titles:
 * the reply templates and the knowledge-base entries' titles (no answers are generated, no
 * chatbot). When the assistant exists, replace `deskAnswerSource` with one that calls it
 * (cited, region-aware answers), and let the desk take over chats the bot hands off.
 */
import { seedEntries } from '../chat/chat.kb';
import { replyTemplates } from './templates';

export interface DeskAnswer {
  kind: 'template' | 'faq';
  id: string;
  title: string;
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

/** The source the desk uses (swap for the assistant later). */
export const deskAnswerSource: DeskAnswerSource = titleSearch;
