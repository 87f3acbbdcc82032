import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { regions } from './regions';
import { teams } from './teams';

export const staffRoles = ['operator', 'team_member', 'reviewer', 'supervisor', 'admin', 'auditor'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Staff accounts; `areaCode` scopes every case they may see or touch. */
export const staffUsers = pgTable('staff_users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: staffRoles }).notNull(),
  areaCode: text('area_code')
    .notNull()
    .references(() => regions.code),
  teamId: text('team_id').references(() => teams.id),
  active: boolean('active').notNull().default(true),
  failedLogins: integer('failed_logins').notNull().default(0),
  lastFailedAt: timestamp('last_failed_at', { withTimezone: true }),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
});
