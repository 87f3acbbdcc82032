// The assistant: a pure reducer respond(state, message, context) over a knowledge base.
// No I/O: the region, its parameters and the entries are passed in; state is plain JSON.
import { crisisCategoriesOf, detectCrisis, type CrisisResult } from '../../../shared/src/crisis/lexicon';
import {
  ASK_REGION, GUESS_INTRO, GUESS_OUTRO, HANDED_OFF, HANDOFF_AFTER_MISUNDERSTANDING,
  crisisLead, isSlotOnly, parsePick, slotOf,
} from './chat.dialog';
import { buildIndex, DEFAULT_MODEL, rank, type ConfidenceModel, type Ranking } from './chat.index';
import { normalize, toSimplified } from './chat.normalize';
import { programsOf } from './chat.tokenize';
import { fillTemplate, placeholderValues } from './chat.template';
import type {
  ChatAction, ChatContext, ChatGuess, ChatReply, ChatResult, ChatState, KbEntry, RegionContext, TopicId,
} from './chat.types';

export interface AssistantOptions {
  /** Confidence at or above which the best entry is answered (default 0.7). */
  answerThreshold?: number;
  /** Below this a message without domain words is out of scope; otherwise two guesses are offered (default 0.3). */
  guessThreshold?: number;
  /** Hotline when the region has none or is unknown (default 12345). */
  defaultHotline?: string;
  model?: ConfidenceModel;
  /** Crisis detector (default: the shared lexicon). */
  detectCrisis?: (text: string) => CrisisResult;
}

export interface Classification {
  topic: TopicId;
  entryId: string | null;
  confidence: number;
  ranking: Ranking;
}

export interface SearchHit {
  entryId: string;
  topic: TopicId;
  title: string;
  score: number;
}

export interface Assistant {
  readonly entries: readonly KbEntry[];
  /** Ranks one message on its own, without conversation state. */
  classify(text: string): Classification;
  /** The best entries for a query, e.g. for an operator searching answers during a call. */
  search(text: string, limit?: number): SearchHit[];
  /** One conversation turn: the reply, crisis and hand-over flags, and the next state. */
  respond(state: ChatState | undefined, message: string, context: ChatContext): ChatResult;
}

/** The state of a new conversation. */
export function initialState(): ChatState {
  return {
    lastTopic: null, lastEntryId: null, regionCode: null, guesses: [], misunderstood: 0,
    handedOff: false, pendingEntryId: null, turns: 0,
  };
}

const NOT_FOLLOWED: ReadonlySet<TopicId> = new Set(['smalltalk', 'out_of_scope', 'human.handoff']);
const family = (topic: TopicId): string => topic.split('.')[0]!;

/** Builds an assistant over knowledge-base entries (index built once, here). */
export function createAssistant(entries: KbEntry[], options: AssistantOptions = {}): Assistant {
  const answerAt = options.answerThreshold ?? 0.7;
  const guessAt = options.guessThreshold ?? 0.3;
  const defaultHotline = options.defaultHotline ?? '12345';
  const model = options.model ?? DEFAULT_MODEL;
  const crisisOf = options.detectCrisis ?? detectCrisis;
  const index = buildIndex(entries);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const firstOfTopic = (topic: TopicId) => entries.find((e) => e.topic === topic);

  // A question with words of the domain is never answered by the out-of-scope entry.
  const top = (r: Ranking) => {
    const c = r.inDomain ? r.candidates.find((x) => entries[x.entry]!.topic !== 'out_of_scope') : r.candidates[0];
    return c ? entries[c.entry] : undefined;
  };

  function classify(text: string): Classification {
    const ranking = rank(index, text, model);
    const best = top(ranking);
    if (!best || (ranking.confidence < guessAt && !ranking.inDomain)) {
      return { topic: 'out_of_scope', entryId: null, confidence: 1 - ranking.confidence, ranking };
    }
    return { topic: best.topic, entryId: best.id, confidence: ranking.confidence, ranking };
  }

  function actionsOf(types: readonly ChatAction['type'][], hotline: string): ChatAction[] {
    const seen = new Set<string>();
    const out: ChatAction[] = [];
    for (const type of types) {
      if (seen.has(type)) continue;
      seen.add(type);
      out.push(type === 'call_hotline' ? { type, phone: hotline } : { type });
    }
    return out;
  }

  function answer(entry: KbEntry, region: RegionContext | undefined, confidence: number, slot?: string): ChatReply {
    const values = placeholderValues(region, defaultHotline);
    const hotline = values.hotline!;
    if (entry.needsRegion && !region?.params) {
      return {
        text: fillTemplate(ASK_REGION, values), topic: entry.topic, confidence, sources: entry.sources,
        actions: actionsOf(entry.actions, hotline), entryId: entry.id,
      };
    }
    const template = (slot && entry.followUps?.[slot]) || entry.answer;
    return {
      text: fillTemplate(template, values), topic: entry.topic, confidence, sources: entry.sources,
      actions: actionsOf(entry.actions, hotline), entryId: entry.id,
    };
  }

  function regionFor(state: ChatState, message: string, context: ChatContext) {
    const named = context.directory?.match(normalize(message));
    if (named) return { region: named, named: true };
    if (state.regionCode && state.regionCode !== context.region?.code) {
      const kept = context.directory?.get(state.regionCode);
      if (kept) return { region: kept, named: false };
    }
    return { region: context.region, named: false };
  }

  function respond(prev: ChatState | undefined, message: string, context: ChatContext): ChatResult {
    const state: ChatState = { ...(prev ?? initialState()) };
    state.turns += 1;
    const { region, named } = regionFor(state, message, context);
    if (named && region) state.regionCode = region.code;
    const values = placeholderValues(region, defaultHotline);
    const hotline = values.hotline!;
    // The lexicon is in simplified characters: look at a simplified copy when it differs.
    const crisis = crisisOf(message);
    const simplified = toSimplified(message);
    const crisisNorm = crisis.crisis || simplified === message ? crisis : crisisOf(simplified);
    const isCrisis = crisisNorm.crisis;

    const done = (reply: ChatReply, handoff: boolean, next: Partial<ChatState>): ChatResult => ({
      reply, crisis: isCrisis, handoff, state: { ...state, ...next },
    });
    const handOver = (text: string, topic: TopicId, confidence: number): ChatResult =>
      done(
        { text: fillTemplate(text, values), topic, confidence, sources: [], actions: actionsOf(['handoff', 'call_hotline'], hotline) },
        true,
        { handedOff: true, guesses: [], misunderstood: 0, pendingEntryId: null },
      );

    // Crisis first: hotline and call action lead, whatever else the message is about.
    if (isCrisis) {
      const c = classify(message);
      const own = c.entryId ? byId.get(c.entryId) : undefined;
      const entry = own && c.confidence >= answerAt && !NOT_FOLLOWED.has(own.topic) ? own : firstOfTopic('temp.pre_rescue');
      const body = entry ? answer(entry, region, c.confidence) : undefined;
      const lead = fillTemplate(crisisLead(crisisCategoriesOf(crisisNorm)), values);
      const text = state.handedOff ? `${lead}\n工作人员会尽快在这里回复您。` : body ? `${lead}\n${body.text}` : lead;
      const reply: ChatReply = {
        text, topic: entry?.topic ?? 'temp.pre_rescue', confidence: Math.max(c.confidence, 0.5),
        sources: body?.sources ?? [], actions: actionsOf(['call_hotline', ...(entry?.actions ?? []), 'open_apply'], hotline),
        entryId: entry?.id,
      };
      return done(reply, state.handedOff, {
        lastTopic: reply.topic, lastEntryId: entry?.id ?? null, guesses: [], misunderstood: 0, pendingEntryId: null,
      });
    }

    if (state.handedOff) {
      return done(
        { text: fillTemplate(HANDED_OFF, values), topic: 'human.handoff', confidence: 1, sources: [], actions: actionsOf(['call_hotline'], hotline) },
        true, {},
      );
    }

    const answered = (entry: KbEntry, confidence: number, slot?: string): ChatResult => {
      if (entry.topic === 'human.handoff') return handOver(entry.answer, 'human.handoff', confidence);
      const reply = answer(entry, region, confidence, slot);
      const waiting = entry.needsRegion && !region?.params;
      return done(reply, false, {
        lastTopic: entry.topic, lastEntryId: entry.id, guesses: [], misunderstood: 0,
        pendingEntryId: waiting ? entry.id : null,
      });
    };

    // A reply to "您是想问：1. … 2. …".
    if (state.guesses.length) {
      const guesses = state.guesses.map((id) => byId.get(id)).filter((e): e is KbEntry => !!e);
      const pick = parsePick(message, guesses.map((g) => g.title));
      if (typeof pick === 'number' && guesses[pick]) return answered(guesses[pick], 1);
      if (pick === 'none') return handOver(HANDOFF_AFTER_MISUNDERSTANDING, guesses[0]?.topic ?? 'out_of_scope', 0);
    }

    // The region asked for a moment ago.
    const pending = state.pendingEntryId ? byId.get(state.pendingEntryId) : undefined;
    if (pending && named && region?.params) return answered(pending, 1, slotOf(message));

    // Follow-ups against the last topic: a slot or region alone, or an elliptic question.
    const last = state.lastEntryId ? byId.get(state.lastEntryId) : undefined;
    let ranking = rank(index, message, model);
    if (last && !NOT_FOLLOWED.has(last.topic)) {
      if ((slotOf(message) || named) && isSlotOnly(message, named ? region?.name : undefined)) {
        return answered(last, 0.9, slotOf(message));
      }
      // "要啥材料" after a 低保 answer means 低保 materials: re-rank with the topic's programme word.
      if (last.context && [...ranking.tokens.text].length <= 14 && programsOf(ranking.tokens.words).size === 0) {
        const expanded = rank(index, `${message} ${last.context}`, model);
        const own = top(ranking);
        const ext = top(expanded);
        const ownFirm = own && ranking.confidence >= answerAt && NOT_FOLLOWED.has(own.topic);
        if (ext && family(ext.topic) === family(last.topic) && !ownFirm && expanded.confidence >= ranking.confidence - 0.15) {
          ranking = expanded;
        }
      }
    }

    const best = top(ranking);
    const confidence = ranking.confidence;
    if (best && confidence >= answerAt && best.topic !== 'out_of_scope') return answered(best, confidence, slotOf(message));

    // Not understood after offering guesses: a person takes over.
    if (state.guesses.length || state.misunderstood >= 1) {
      if (!best || best.topic !== 'out_of_scope' || confidence < answerAt) {
        return handOver(HANDOFF_AFTER_MISUNDERSTANDING, best?.topic ?? 'out_of_scope', confidence);
      }
    }

    if (!best || (confidence < guessAt && !ranking.inDomain) || best.topic === 'out_of_scope' || best.topic === 'smalltalk') {
      const oos = firstOfTopic('out_of_scope');
      const text = oos ? fillTemplate(oos.answer, values) : '不好意思，这个问题我回答不了。';
      const conf = best?.topic === 'out_of_scope' ? confidence : 1 - confidence;
      return done(
        { text, topic: 'out_of_scope', confidence: conf, sources: [], actions: [], entryId: oos?.id },
        false, { guesses: [], misunderstood: 0, pendingEntryId: null },
      );
    }

    // Unsure: offer the two best guesses of different topics (answers, not chit-chat).
    const offered: KbEntry[] = [];
    for (const c of ranking.candidates) {
      const e = entries[c.entry]!;
      if (NOT_FOLLOWED.has(e.topic) || offered.some((o) => o.topic === e.topic)) continue;
      offered.push(e);
      if (offered.length === 2) break;
    }
    if (!offered.length) {
      const help = entries.find((e) => e.id === 'smalltalk-capability') ?? firstOfTopic('smalltalk');
      const text = help ? fillTemplate(help.answer, values) : GUESS_OUTRO;
      return done({ text, topic: 'smalltalk', confidence, sources: [], actions: [], entryId: help?.id }, false, {
        guesses: [], misunderstood: state.misunderstood + 1, pendingEntryId: null,
      });
    }
    const guesses: ChatGuess[] = offered.map((e) => ({ entryId: e.id, topic: e.topic, title: e.title }));
    const text = [GUESS_INTRO, ...guesses.map((g, i) => `${i + 1}. ${g.title}`), GUESS_OUTRO].join('\n');
    return done(
      { text, topic: guesses[0]!.topic, confidence, sources: [], actions: [], guesses },
      false, { guesses: guesses.map((g) => g.entryId), misunderstood: state.misunderstood + 1, pendingEntryId: null },
    );
  }

  function search(text: string, limit = 5): SearchHit[] {
    return rank(index, text, model).candidates.slice(0, limit).map((c) => {
      const e = entries[c.entry]!;
      return { entryId: e.id, topic: e.topic, title: e.title, score: c.score };
    });
  }

  return { entries, classify, search, respond };
}
