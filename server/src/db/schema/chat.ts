import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { residents } from './cases';
import { staffUsers } from './staff';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Knowledge-base entries, versioned: an edit adds a version; the newest active one answers. */
export const kbEntries = pgTable(
  'kb_entries',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    topic: text('topic').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    active: boolean('active').notNull().default(true),
    updatedBy: text('updated_by'),
    updatedAt: ts('updated_at').notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

/** A conversation with the assistant; after a hand-over an operator of the area answers in it. */
export const chatSessions = pgTable(
  'chat_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id').references(() => residents.id),
    regionCode: text('region_code'),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    handedOffAt: ts('handed_off_at'),
    handoffArea: text('handoff_area'),
    operatorId: uuid('operator_id').references(() => staffUsers.id),
    closedAt: ts('closed_at'),
    crisis: boolean('crisis').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('chat_sessions_handoff_idx').on(t.handoffArea, t.handedOffAt)],
);

/** Every message of a conversation; the text is sealed (people tell personal things). */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => chatSessions.id),
    at: ts('at').notNull(),
    sender: text('sender', { enum: ['resident', 'assistant', 'operator'] }).notNull(),
    senderId: text('sender_id'),
    textEnc: text('text_enc').notNull(),
    topic: text('topic'),
    crisis: boolean('crisis').notNull().default(false),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('chat_messages_session_idx').on(t.sessionId, t.id)],
);
