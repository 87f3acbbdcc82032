import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ParameterRecord } from '../../../../shared/src/policy/params';

/** GB/T 2260 counties and 9-digit townships, with their place in the tree. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county', 'township'] }).notNull(),
    parentCode: text('parent_code'),
    hotline: text('hotline'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

/** Dated policy parameters of a region (RULES.md §3); `data` is one validated record. */
export const parameterRecords = pgTable(
  'parameter_records',
  {
    id: serial('id').primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    source: text('source').notNull(),
    data: jsonb('data').$type<ParameterRecord>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('parameter_records_region_from_uq').on(t.regionCode, t.effectiveFrom)],
);
