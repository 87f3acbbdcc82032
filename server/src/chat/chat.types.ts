import type { ParameterRecord } from '../../../shared/src/policy/params';

// Types of the assistant engine. Everything here is plain data so the lead can store
// entries and conversation state as JSON (database rows, session records).

/** Every topic id of shared/chat/TOPICS.md, in table order. */
export const TOPIC_IDS = [
  'dibao.eligibility',
  'dibao.standard',
  'dibao.amount',
  'dibao.apply',
  'dibao.income',
  'dibao.assets',
  'dibao.single_person',
  'dibao.exit',
  'dibao.review',
  'tekun.eligibility',
  'low_income.marginal',
  'temp.eligibility',
  'temp.apply',
  'temp.amount',
  'temp.nonlocal',
  'temp.pre_rescue',
  'medical.assistance',
  'education.assistance',
  'disability.subsidy',
  'elderly.allowance',
  'orphan.support',
  'price.subsidy',
  'homeless.help',
  'case.status',
  'case.appeal',
  'fraud.report',
  'hotline.contact',
  'service.privacy',
  'human.handoff',
  'smalltalk',
  'out_of_scope',
] as const;

export type TopicId = (typeof TOPIC_IDS)[number];

export const ACTION_TYPES = ['open_eligibility', 'open_apply', 'open_cases', 'call_hotline', 'handoff'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export interface ChatAction {
  type: ActionType;
  /** Only on call_hotline. */
  phone?: string;
}

export interface Source {
  title: string;
  ref: string;
}

/** One knowledge-base entry; several entries may share a topic (e.g. smalltalk). */
export interface KbEntry {
  id: string;
  topic: TopicId;
  /** Short label shown when the assistant offers this entry as a guess. */
  title: string;
  /** Ways residents ask it; the ranking indexes these. */
  questions: string[];
  /** Answer template, one idea per line; a line whose placeholders cannot be filled is left out. */
  answer: string;
  sources: Source[];
  actions: ActionType[];
  /** The answer is about a local figure: ask for the region when none is known. */
  needsRegion?: boolean;
  /** Slot variants of the answer, e.g. { rural: '…', urban: '…' }. */
  followUps?: Record<string, string>;
  /** Words a follow-up question inherits from this topic ("要啥材料" after 低保 → 低保材料). */
  context?: string;
}

/** A region as in policy/regions.json. */
export interface RegionRecord {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  hotline?: string;
}

/** The parameter record in force for a region (policy/regions.json "parameters"). */
export type ChatParameters = ParameterRecord;

/** The asker's region as the engine needs it: resolved by the caller, no I/O here. */
export interface RegionContext {
  code: string;
  name: string;
  /** Inherited from the nearest ancestor that has one. */
  hotline?: string;
  /** The parameter record in force today for this region (after walking up), if any. */
  params?: ChatParameters;
}

/** Finds a region named in a message ("那大连呢"); built by createRegionDirectory. */
export interface RegionDirectory {
  /** The region whose name occurs in the text (longest name wins), resolved for today. */
  match(text: string): RegionContext | undefined;
  /** The region with this code, resolved for today. */
  get(code: string): RegionContext | undefined;
}

export interface ChatContext {
  /** The asker's region (from the request or the resident's profile). */
  region?: RegionContext;
  /** Lets follow-ups name another region; optional. */
  directory?: RegionDirectory;
}

/** Conversation state carried between turns (JSON-serialisable). */
export interface ChatState {
  /** Topic of the last answered turn, for follow-ups. */
  lastTopic: TopicId | null;
  /** Entry of the last answered turn. */
  lastEntryId: string | null;
  /** Region code the conversation moved to ("那大连呢"), overriding the context region. */
  regionCode: string | null;
  /** Entries offered as "您是想问：1. … 2. …", awaiting a pick. */
  guesses: string[];
  /** Misunderstood turns in a row (a clarification or a failed pick). */
  misunderstood: number;
  /** A person has been asked to take over; the bot stays silent. */
  handedOff: boolean;
  /** Entry that needs a region, waiting for the resident to name one. */
  pendingEntryId: string | null;
  turns: number;
}

export interface ChatGuess {
  entryId: string;
  topic: TopicId;
  title: string;
}

export interface ChatReply {
  text: string;
  topic: TopicId;
  confidence: number;
  sources: Source[];
  actions: ChatAction[];
  /** Present when the assistant asks the resident to choose. */
  guesses?: ChatGuess[];
  /** Entry that produced the answer (for audit / admin views). */
  entryId?: string;
}

export interface ChatResult {
  reply: ChatReply;
  crisis: boolean;
  handoff: boolean;
  state: ChatState;
}
