import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { staffUsers } from './staff';
import { teams } from './teams';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Console sessions: only a hash of the cookie value is stored; the CSRF token rides with it. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);

/**
 * The audit trail: who saw or changed what, when, from where. Append-only (a trigger refuses
 * UPDATE and DELETE) and tamper-evident: each row's hash covers the previous row's hash.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    ip: text('ip'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_subject_idx').on(t.subjectType, t.subjectId), index('audit_actor_idx').on(t.actorId, t.at)],
);

/** Who of a team is on duty when: P1 cases alert the members on duty now. */
export const dutyShifts = pgTable(
  'duty_shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
  },
  (t) => [index('duty_shifts_team_idx').on(t.teamId, t.startsAt)],
);

/** Alerts shown to staff (a P1 to the members on duty, a breach to the supervisor). */
export const staffAlerts = pgTable(
  'staff_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [index('staff_alerts_staff_idx').on(t.staffId, t.createdAt)],
);

/** Deadline breaches, recorded once each (the unique key settles races between instances). */
export const deadlineBreaches = pgTable('deadline_breaches', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  kind: text('kind').notNull(),
  dueAt: ts('due_at').notNull(),
  detectedAt: ts('detected_at').notNull(),
  dedupeKey: text('dedupe_key').notNull().unique(),
});

/** Hotline calls: topic, summary (sealed: callers tell personal things), outcome. */
export const callLogs = pgTable(
  'call_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => staffUsers.id),
    areaCode: text('area_code').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    topic: text('topic').notNull(),
    summaryEnc: text('summary_enc').notNull(),
    outcome: text('outcome').notNull(),
    urgent: boolean('urgent').notNull().default(false),
    durationSeconds: integer('duration_seconds'),
    createdAt: ts('created_at').notNull().default(sql`now()`),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('call_logs_area_idx').on(t.areaCode, t.createdAt)],
);
