import { and, asc, eq, gt, isNotNull, isNull, inArray } from 'drizzle-orm';
import { shanghaiDate } from '../../../shared/src/dates';
import type { Db } from '../db/client';
import { chatMessages, chatSessions } from '../db/schema';
import type { Services } from '../platform/context';
import { AppError } from '../platform/errors';
import { createAssistant, initialState, type Assistant } from './chat.engine';
import { createRegionDirectory } from './chat.regions';
import { fillTemplate, placeholderValues } from './chat.template';
import type { ChatResult, ChatState, RegionDirectory, RegionRecord } from './chat.types';
import { currentEntries, KB_CHANGED } from './kb-store';

export const CHAT_CHANNEL = 'chat_changed';

export interface ChatInput {
  text: string;
  sessionId?: string | undefined;
  regionCode?: string | undefined;
}

export interface ChatTurn extends Omit<ChatResult, 'state'> {
  sessionId: string;
}

/**
 * The assistant behind `/api/v1/chat`: the engine built from the knowledge base in the
 * database (rebuilt when an admin edits it, on every instance through NOTIFY), conversations
 * stored with sealed text, and the hand-over to the hotline desk of the resident's area.
 */
export class ChatService {
  private assistant: Assistant | undefined;
  private building: Promise<Assistant> | undefined;
  private directory: { date: string; dir: RegionDirectory } | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly services: Pick<Services, 'database' | 'regions' | 'logger' | 'vault' | 'clock' | 'publish'>) {}

  async start() {
    await this.reload();
    this.unlisten = await this.services.database.listen(KB_CHANGED, () => void this.reload().catch(() => {}));
  }

  async stop() {
    await this.unlisten?.();
  }

  /** Rebuilds the engine from the current entries; answers keep using the old one meanwhile. */
  reload(): Promise<Assistant> {
    this.building ??= (async () => {
      try {
        const entries = await currentEntries(this.services.database.db);
        this.assistant = createAssistant(entries);
        this.services.logger.debug({ entries: entries.length }, 'assistant built');
        return this.assistant;
      } finally {
        this.building = undefined;
      }
    })();
    return this.building;
  }

  async engine(): Promise<Assistant> {
    return this.assistant ?? this.reload();
  }

  /** Regions with their parameters in force today, for placeholders and "那大连呢". */
  private async regionDirectory(): Promise<RegionDirectory> {
    const today = shanghaiDate(this.services.clock());
    if (this.directory?.date !== today) {
      const { regions } = this.services;
      const records: RegionRecord[] = (await regions.all()).map((r) => ({ code: r.code, name: r.name, level: r.level, parent: r.parentCode, ...(r.hotline ? { hotline: r.hotline } : {}) }));
      this.directory = { date: today, dir: createRegionDirectory(records, await regions.allRecords(), today) };
    }
    return this.directory.dir;
  }

  /** One turn of a conversation: stored, answered (or left to the operator after a hand-over). */
  async message(input: ChatInput, residentId: string | undefined): Promise<ChatTurn> {
    const { database, vault, clock } = this.services;
    const now = clock();
    const assistant = await this.engine();
    const directory = await this.regionDirectory();
    if (input.regionCode && !directory.get(input.regionCode)) throw new AppError('REGION_UNKNOWN', `地区代码 ${input.regionCode} 不存在`, [{ path: 'regionCode', message: '没有找到这个地区' }]);

    const turn = await database.db.transaction(async (tx) => {
      let session = input.sessionId ? await this.sessionFor(tx, input.sessionId, residentId, true) : undefined;
      if (!session) {
        [session] = await tx
          .insert(chatSessions)
          .values({ residentId: residentId ?? null, regionCode: input.regionCode ?? null, state: initialState() as unknown as Record<string, unknown>, createdAt: now, updatedAt: now })
          .returning();
      }
      const regionCode = input.regionCode ?? session!.regionCode ?? undefined;
      const region = regionCode ? directory.get(regionCode) : undefined;
      const result = assistant.respond(session!.state as unknown as ChatState, input.text, { ...(region ? { region } : {}), directory });
      const handedOffNow = result.handoff && !session!.handedOffAt;
      await tx.insert(chatMessages).values({ sessionId: session!.id, at: now, sender: 'resident', senderId: residentId ?? null, textEnc: vault.seal(input.text), crisis: result.crisis });
      if (result.reply.text)
        await tx.insert(chatMessages).values({
          sessionId: session!.id, at: now, sender: 'assistant', textEnc: vault.seal(result.reply.text), topic: result.reply.topic,
          data: { confidence: result.reply.confidence, entryId: result.reply.entryId ?? null },
        });
      await tx
        .update(chatSessions)
        .set({
          state: result.state as unknown as Record<string, unknown>,
          regionCode: regionCode ?? null,
          updatedAt: now,
          crisis: session!.crisis || result.crisis,
          ...(handedOffNow ? { handedOffAt: now, handoffArea: await this.handoffArea(regionCode) } : {}),
        })
        .where(eq(chatSessions.id, session!.id));
      return { sessionId: session!.id, reply: result.reply, crisis: result.crisis, handoff: result.handoff, handedOffNow, regionCode };
    });
    if (turn.handedOffNow || (turn.handoff && !turn.reply.text)) {
      await this.services.publish(CHAT_CHANNEL, { sessionId: turn.sessionId, kind: 'resident_message' }).catch(() => {});
    }
    return { sessionId: turn.sessionId, reply: turn.reply, crisis: turn.crisis, handoff: turn.handoff };
  }

  /** The county a hand-over goes to: its operators take the chat. Unknown region: the whole service. */
  private async handoffArea(regionCode: string | undefined): Promise<string> {
    if (!regionCode) return 'all';
    const chain = await this.services.regions.chain(regionCode);
    return chain.find((r) => r.level === 'county')?.code ?? chain.find((r) => r.level === 'city')?.code ?? regionCode;
  }

  /** A session the caller may use: anonymous sessions by id, a resident's only with their token. */
  private async sessionFor(db: Db, id: string, residentId: string | undefined, lock = false) {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const q = db.select().from(chatSessions).where(eq(chatSessions.id, id));
    const [row] = lock ? await q.for('update') : await q;
    if (!row) return undefined;
    if (row.residentId && row.residentId !== residentId) return undefined;
    return row;
  }

  /** Messages after `afterId` (the resident polls for an operator's replies). */
  async messagesSince(sessionId: string, residentId: string | undefined, afterId: number) {
    const session = await this.sessionFor(this.services.database.db, sessionId, residentId);
    if (!session) throw new AppError('NOT_FOUND', '没有找到这段对话');
    const rows = await this.services.database.db
      .select()
      .from(chatMessages)
      .where(and(eq(chatMessages.sessionId, sessionId), gt(chatMessages.id, afterId)))
      .orderBy(asc(chatMessages.id));
    return {
      sessionId,
      handedOff: !!session.handedOffAt,
      operatorJoined: !!session.operatorId,
      closed: !!session.closedAt,
      messages: rows.map((m) => ({ id: m.id, at: m.at.toISOString(), sender: m.sender, text: this.services.vault.open<string>(m.textEnc), topic: m.topic })),
    };
  }

  /** Hand-overs waiting in (or taken by operators of) these areas, oldest first. */
  async handoffs(areas: string[]) {
    return this.services.database.db
      .select()
      .from(chatSessions)
      .where(and(isNotNull(chatSessions.handedOffAt), isNull(chatSessions.closedAt), inArray(chatSessions.handoffArea, [...areas, 'all'])))
      .orderBy(asc(chatSessions.handedOffAt));
  }

  /** The whole transcript for an operator of the area. */
  async transcript(sessionId: string, areas: string[]) {
    const [session] = await this.services.database.db.select().from(chatSessions).where(eq(chatSessions.id, sessionId));
    if (!session?.handedOffAt || !inAreas(session.handoffArea, areas)) throw new AppError('NOT_FOUND', '没有找到这段对话');
    return { session, ...(await this.messagesSince(sessionId, session.residentId ?? undefined, 0)) };
  }

  /** An operator's reply, in the same conversation; the first reply marks that a person has joined. */
  async operatorReply(sessionId: string, operatorId: string, areas: string[], text: string) {
    const { database, vault, clock } = this.services;
    const now = clock();
    await database.db.transaction(async (tx) => {
      const [session] = await tx.select().from(chatSessions).where(eq(chatSessions.id, sessionId)).for('update');
      if (!session?.handedOffAt || !inAreas(session.handoffArea, areas)) throw new AppError('NOT_FOUND', '没有找到这段对话');
      if (session.closedAt) throw new AppError('INVALID_TRANSITION', '这段对话已经结束');
      await tx.insert(chatMessages).values({ sessionId, at: now, sender: 'operator', senderId: operatorId, textEnc: vault.seal(text) });
      await tx.update(chatSessions).set({ operatorId: session.operatorId ?? operatorId, updatedAt: now }).where(eq(chatSessions.id, sessionId));
    });
    await this.services.publish(CHAT_CHANNEL, { sessionId, kind: 'operator_message' }).catch(() => {});
  }

  /** Ends a handed-over conversation. */
  async close(sessionId: string, areas: string[]) {
    const { session } = await this.transcript(sessionId, areas);
    await this.services.database.db.update(chatSessions).set({ closedAt: this.services.clock() }).where(eq(chatSessions.id, session.id));
  }

  /** Answers an operator searches while a caller talks: the best entries, filled for the region. */
  async searchAnswers(query: string, regionCode: string | undefined, limit = 5) {
    const assistant = await this.engine();
    const directory = await this.regionDirectory();
    const region = regionCode ? directory.get(regionCode) : undefined;
    const values = placeholderValues(region, region?.hotline ?? '12345');
    const byId = new Map(assistant.entries.map((e) => [e.id, e]));
    return assistant.search(query, limit).map((hit) => {
      const entry = byId.get(hit.entryId)!;
      return { ...hit, answer: fillTemplate(entry.answer, values), sources: entry.sources };
    });
  }
}

const inAreas = (area: string | null, areas: string[]) => area === 'all' || (!!area && areas.includes(area));
