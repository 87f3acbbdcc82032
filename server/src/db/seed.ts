import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { parameterRecordSchema } from '../../../shared/src/policy/params';
import seedData from '../regions/seed-regions.json' with { type: 'json' };
import { seedKnowledgeBase } from '../chat/kb-store';
import type { Db } from './client';
import { parameterRecords, regions, staffUsers, teamCoverage, teams, type StaffRole } from './schema';

type Level = 'province' | 'city' | 'county' | 'township';

/** Telephone area codes for the seeded cities (illustrative team numbers are built from them). */
const areaCodes: Record<string, string> = { '61': '029', '21': '0411' };

/** Illustrative team phone: the city's area code and an 8-digit number derived from the region. */
export const teamPhone = (regionCode: string) => `${areaCodes[regionCode.slice(0, 2)] ?? '010'}-8${regionCode.slice(-7)}`;

/** Regions, parameters, a team per township, county and city, and the assistant's knowledge base. Idempotent: safe at every start. */
export async function seedReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = seedData.regions.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level as Level,
      parentCode: r.parent,
      hotline: 'hotline' in r ? (r.hotline ?? null) : null,
    }));
    await tx.insert(regions).values(rows).onConflictDoNothing();

    const records = seedData.parameters.map((p) => parameterRecordSchema.parse(p));
    await tx
      .insert(parameterRecords)
      .values(records.map((r) => ({ regionCode: r.region, effectiveFrom: r.effectiveFrom, source: r.source, data: r })))
      .onConflictDoNothing();

    // A team per township and county, and a city team that catches applications located only
    // to the city, so that routing always finds exactly one team.
    const teamRegions = rows.filter((r) => r.level !== 'province');
    await tx
      .insert(teams)
      .values(
        teamRegions.map((r) => ({
          id: `team-${r.code}`,
          name: `${r.name}快速响应服务队`,
          phone: teamPhone(r.code),
          regionCode: r.code,
          level: r.level as 'township' | 'county' | 'city',
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(teamCoverage)
      .values(teamRegions.map((r) => ({ teamId: `team-${r.code}`, regionCode: r.code })))
      .onConflictDoNothing();
  });
  await seedKnowledgeBase(db);
}

export const DEMO_PASSWORD = 'Erescue-demo-2026';

/** One demo user per role for 雁塔区 (610113). Development only: production refuses to seed them. */
export const demoUsers: Array<{ username: string; displayName: string; role: StaffRole; teamId?: string }> = [
  { username: 'yt-operator', displayName: '热线接线员 王芳', role: 'operator' },
  { username: 'yt-team', displayName: '快速响应队员 李强', role: 'team_member', teamId: 'team-610113' },
  { username: 'yt-reviewer', displayName: '审核员 赵敏', role: 'reviewer' },
  { username: 'yt-supervisor', displayName: '督办员 陈刚', role: 'supervisor' },
  { username: 'yt-admin', displayName: '管理员 刘洋', role: 'admin' },
  { username: 'yt-auditor', displayName: '审计员 孙丽', role: 'auditor' },
];

/** Inserts the demo staff users unless they exist. */
export async function seedDemoUsers(db: Db): Promise<void> {
  const existing = await db.select({ n: sql<number>`count(*)::int` }).from(staffUsers);
  if ((existing[0]?.n ?? 0) > 0) return;
  const passwordHash = await hash(DEMO_PASSWORD, { algorithm: 2 });
  await db
    .insert(staffUsers)
    .values(demoUsers.map((u) => ({ ...u, areaCode: '610113', passwordHash, teamId: u.teamId ?? null })))
    .onConflictDoNothing();
}
