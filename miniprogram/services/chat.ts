/**
 * The assistant chat: `POST /api/v1/chat/messages` (API.md), crisis words checked on the phone
 * as the resident types (the banner shows before any answer arrives, even with no signal), and
 * a person's replies after a hand-over.
 *
 * After `handoff: true` the page polls (not in API.md; as the server implements it)
 *   GET /api/v1/chat/sessions/{sessionId}/messages?after=<last message id seen>
 *   → { sessionId, handedOff, operatorJoined, closed,
 *       messages: [{ id: number, at, sender: 'resident' | 'assistant' | 'operator', text, topic }] }
 * with the same optional token as the messages were sent with. A 404/405 (no such endpoint, or
 * the conversation is not found) stops polling: the page says a person will phone back.
 */
import { detectCrisis } from '../lib/shared';
import { ApiError } from './errors';
import { request } from './http';
import { KEYS, load, remove, save } from './storage';

export type ChatActionType = 'open_eligibility' | 'open_apply' | 'open_cases' | 'call_hotline' | 'handoff';

export interface ChatAction {
  type: ChatActionType;
  phone?: string;
}

export interface ChatReply {
  text: string;
  topic: string;
  confidence: number;
  sources: Array<{ title: string; ref?: string }>;
  actions: ChatAction[];
  guesses?: Array<{ entryId?: string; topic?: string; title: string }>;
}

export interface ChatAnswer {
  sessionId: string;
  reply: ChatReply;
  crisis: boolean;
  handoff: boolean;
}

export type Speaker = 'me' | 'bot' | 'staff';

export interface ChatMessage {
  id: string;
  from: Speaker;
  text: string;
  at: string;
  sources?: ChatReply['sources'];
  actions?: ChatAction[];
  /** Offered choices ("您是想问…"), sent back as text when tapped. */
  choices?: string[];
  failed?: boolean;
}

export interface ChatState {
  sessionId: string | null;
  handoff: boolean;
  crisis: boolean;
  messages: ChatMessage[];
  /** Id of the last message received through polling. */
  after: string | null;
}

/** Suggested first questions, in the words residents use. */
export const QUICK_REPLIES = ['低保标准是多少', '我能申请临时救助吗', '怎么申请临时救助', '我的申请到哪一步了', '我要找人工'];

/** Only the latest messages are kept on the phone. */
const KEEP_MESSAGES = 60;

export const EMPTY_CHAT: ChatState = { sessionId: null, handoff: false, crisis: false, messages: [], after: null };

export function loadChat(): ChatState {
  const state = load<ChatState | null>(KEYS.chat, null);
  return state && Array.isArray(state.messages) ? { ...EMPTY_CHAT, ...state } : { ...EMPTY_CHAT, messages: [] };
}

export function saveChat(state: ChatState): void {
  save(KEYS.chat, { ...state, messages: state.messages.slice(-KEEP_MESSAGES) });
}

export function clearChat(): void {
  remove(KEYS.chat);
}

/** True when the text shows danger to life or safety (the shared crisis lexicon). */
export function showsCrisis(text: string): boolean {
  return detectCrisis(text).crisis;
}

/** Sends one message. Not retried: a repeated POST would ask the question twice. */
export function sendMessage(text: string, sessionId: string | null, regionCode: string | null): Promise<ChatAnswer> {
  return request<ChatAnswer>({
    method: 'POST',
    path: '/api/v1/chat/messages',
    data: { text, ...(sessionId ? { sessionId } : {}), ...(regionCode ? { regionCode } : {}) },
    auth: 'optional',
    timeoutMs: 15_000,
  });
}

export interface SessionMessage {
  id: string;
  at: string;
  sender: 'operator' | 'assistant' | 'resident';
  text: string;
}

export interface SessionUpdate {
  messages: SessionMessage[];
  /** Still waiting for, or talking with, a person. */
  handedOff: boolean;
  operatorJoined: boolean;
  closed: boolean;
}

interface SessionBody {
  handedOff?: boolean;
  operatorJoined?: boolean;
  closed?: boolean;
  messages?: Array<{ id: number | string; at: string; sender: SessionMessage['sender']; text: string }>;
}

/** Messages of a session after `after` (a message id), or null when there is nothing to poll. */
export async function fetchNewMessages(sessionId: string, after: string | null): Promise<SessionUpdate | null> {
  try {
    const body = await request<SessionBody>({
      path: `/api/v1/chat/sessions/${encodeURIComponent(sessionId)}/messages`,
      query: { after: after ?? undefined },
      auth: 'optional',
    });
    return {
      messages: (Array.isArray(body?.messages) ? body.messages : []).map((m) => ({ id: String(m.id), at: m.at, sender: m.sender, text: m.text })),
      handedOff: body?.handedOff ?? true,
      operatorJoined: body?.operatorJoined ?? false,
      closed: body?.closed ?? false,
    };
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405)) return null;
    throw err;
  }
}

export interface PollerOptions {
  poll: () => Promise<'continue' | 'stop'>;
  intervalMs?: number;
  maxIntervalMs?: number;
}

/**
 * Calls `poll` every `intervalMs` while started; after a failure the wait doubles up to
 * `maxIntervalMs`, and a success brings it back. Stops when `poll` says so.
 */
export class Poller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private wait: number;
  private readonly interval: number;
  private readonly max: number;

  constructor(private readonly options: PollerOptions) {
    this.interval = options.intervalMs ?? 5_000;
    this.max = options.maxIntervalMs ?? 60_000;
    this.wait = this.interval;
  }

  get active(): boolean {
    return this.running;
  }

  /** The wait before the next poll (for tests and the page's "next check" hint). */
  get nextDelay(): number {
    return this.wait;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wait = this.interval;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), this.wait);
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    try {
      const next = await this.options.poll();
      if (next === 'stop') {
        this.stop();
        return;
      }
      this.wait = this.interval;
    } catch {
      this.wait = Math.min(this.max, this.wait * 2);
    }
    this.schedule();
  }
}
