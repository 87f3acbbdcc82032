import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { teamCoverage, teams } from '../db/schema';
import type { RegionService } from '../regions/service';

export interface RoutedTeam {
  id: string;
  name: string;
  phone: string;
  regionCode: string;
}

/**
 * The active team covering the most specific region of where the person is now, walking up
 * the region tree (township → county → city). Ties at one level go to the lowest team id, so
 * the same application always lands on the same single team.
 */
export async function routeToTeam(db: Db, regions: RegionService, regionCode: string): Promise<RoutedTeam | undefined> {
  const chain = (await regions.chain(regionCode)).map((r) => r.code);
  if (!chain.length) return undefined;
  const rows = await db
    .select({ id: teams.id, name: teams.name, phone: teams.phone, regionCode: teams.regionCode, covers: teamCoverage.regionCode })
    .from(teamCoverage)
    .innerJoin(teams, eq(teams.id, teamCoverage.teamId))
    .where(and(inArray(teamCoverage.regionCode, chain), eq(teams.active, true)));
  rows.sort((a, b) => chain.indexOf(a.covers) - chain.indexOf(b.covers) || a.id.localeCompare(b.id));
  const best = rows[0];
  return best && { id: best.id, name: best.name, phone: best.phone, regionCode: best.regionCode };
}

/** A team by id (for case views). */
export async function getTeam(db: Db, id: string) {
  const [row] = await db.select().from(teams).where(eq(teams.id, id));
  return row;
}
