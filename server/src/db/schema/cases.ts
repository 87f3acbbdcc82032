import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import type { CaseStatus, Channel, HardshipType, Priority, UrgentNeed } from '../../../../shared/src/contract/enums';
import { regions } from './regions';
import { staffUsers } from './staff';
import { teams } from './teams';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A WeChat user of the mini-program; the openid is kept sealed and looked up by keyed hash. */
export const residents = pgTable('residents', {
  id: uuid('id').primaryKey().defaultRandom(),
  openidHash: text('openid_hash').notNull().unique(),
  openidEnc: text('openid_enc').notNull(),
  createdAt: ts('created_at').notNull().default(sql`now()`),
  lastLoginAt: ts('last_login_at').notNull().default(sql`now()`),
});

/** Triage and flags staff see beside a case. */
export interface TriageReason {
  code: string;
  message: string;
}
export interface CaseFlag {
  code: 'DUPLICATE_OPEN_CASE';
  trackingNo: string;
  message: string;
}

/**
 * A temporary-assistance case. Its current status is derived from `case_events` and stored
 * here beside them; personal data lives only inside `personal_enc` (AES-256-GCM) with keyed
 * hashes of the ID number and phone for look-up.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trackingNo: text('tracking_no').notNull().unique(),
    residentId: uuid('resident_id').references(() => residents.id),
    channel: text('channel').$type<Channel>().notNull(),
    status: text('status').$type<CaseStatus>().notNull(),
    priority: text('priority').$type<Priority>().notNull(),
    triageReasons: jsonb('triage_reasons').$type<TriageReason[]>().notNull(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    nonLocal: boolean('non_local').notNull(),
    hardshipType: text('hardship_type').$type<HardshipType>().notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    urgentNeeds: jsonb('urgent_needs').$type<UrgentNeed[]>().notNull(),
    amountRequested: numeric('amount_requested', { precision: 12, scale: 2, mode: 'number' }),
    householdSize: integer('household_size').notNull(),
    personalEnc: text('personal_enc').notNull(),
    idHash: text('id_hash').notNull(),
    phoneHash: text('phone_hash').notNull(),
    /** The eligibility result, parameter record and policy version frozen when the case was filed. */
    eligibility: jsonb('eligibility').notNull(),
    policyVersion: text('policy_version').notNull(),
    paramsRegion: text('params_region'),
    paramsEffectiveFrom: date('params_effective_from', { mode: 'string' }),
    flags: jsonb('flags').$type<CaseFlag[]>().notNull().default([]),
    firstContactDue: ts('first_contact_due').notNull(),
    preRescueDue: ts('pre_rescue_due'),
    decisionDue: ts('decision_due').notNull(),
    firstContactAt: ts('first_contact_at'),
    claimedBy: uuid('claimed_by').references(() => staffUsers.id),
    claimedAt: ts('claimed_at'),
    preRescueAmount: numeric('pre_rescue_amount', { precision: 12, scale: 2, mode: 'number' }),
    approvedAmount: numeric('approved_amount', { precision: 12, scale: 2, mode: 'number' }),
    feedback: jsonb('feedback').$type<{ solved: boolean; at: string; comment?: string }>(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().default(sql`now()`),
    updatedAt: ts('updated_at').notNull().default(sql`now()`),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('cases_resident_idx').on(t.residentId, t.createdAt),
    index('cases_team_status_idx').on(t.teamId, t.status),
    index('cases_id_hash_idx').on(t.idHash),
    index('cases_phone_hash_idx').on(t.phoneHash),
    index('cases_region_idx').on(t.regionCode),
  ],
);

/** The append-only history of a case: who, when, what, from → to, why. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    at: ts('at').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<CaseStatus>(),
    toStatus: text('to_status').$type<CaseStatus>().notNull(),
    /** What the resident's timeline says (plain Chinese, no personal data). */
    title: text('title').notNull(),
    /** Why, in the actor's words: sealed, since staff notes may hold health or income facts. */
    noteEnc: text('note_enc'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    visibleToResident: boolean('visible_to_resident').notNull().default(true),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id)],
);

/** Idempotency records: the first answer to a key is the answer to every replay of it. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: ts('created_at').notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Documents attached to a case; the bytes live behind the storage interface. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    uploaderKind: text('uploader_kind').notNull(),
    uploaderId: text('uploader_id').notNull(),
    storageKey: text('storage_key').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: ts('created_at').notNull().default(sql`now()`),
  },
  (t) => [index('attachments_case_idx').on(t.caseId)],
);

/** Outbound effects written in the same transaction as their cause; a worker delivers them. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'sent', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().default(sql`now()`),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().default(sql`now()`),
    sentAt: ts('sent_at'),
  },
  (t) => [uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey), index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);
