import { boolean, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { regions } from './regions';

/** A rapid-response team (快速响应服务队) of a township or county. */
export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  regionCode: text('region_code')
    .notNull()
    .references(() => regions.code),
  level: text('level', { enum: ['township', 'county', 'city'] }).notNull(),
  active: boolean('active').notNull().default(true),
});

/** Regions a team answers for; routing walks up the region tree to the first covered one. */
export const teamCoverage = pgTable(
  'team_coverage',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.regionCode] }), index('team_coverage_region_idx').on(t.regionCode)],
);
