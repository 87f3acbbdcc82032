/**
 * Duty rosters: who of a team is on duty when, and whom to alert for an urgent case now.
 *
 * The "ringing" model: only people on duty are alerted. When nobody of the case's own team
 * is on duty, the on-duty members of the team above it (township → county → city) are,
 * and failing that the supervisors of the area (admins when there is no supervisor), so an
 * urgent case never waits unseen.
 */
import { and, asc, eq, gt, inArray, lt, lte } from 'drizzle-orm';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/client';
import { dutyShifts, staffUsers, teams } from '../db/schema';
import type { Services } from '../platform/context';
import { AppError } from '../platform/errors';
import type { StaffUser } from '../staff/auth';

export interface Person {
  id: string;
  displayName: string;
}

export interface TeamInfo {
  id: string;
  name: string;
  regionCode: string;
  level: 'township' | 'county' | 'city';
}

export interface OnDuty {
  /** Whom to alert, possibly nobody when the area has no supervisor either. */
  staff: Person[];
  /** `team`: the case's own team; `parent`: the team above it; `supervisors`: the area's supervisors or admins. */
  source: 'team' | 'parent' | 'supervisors';
  /** The team whose members were found (own or parent team); null for supervisors. */
  team: TeamInfo | null;
}

export interface ShiftView {
  id: string;
  teamId: string;
  teamName: string;
  staffId: string;
  staffName: string;
  startsAt: Date;
  endsAt: Date;
}

/** The longest single shift a roster accepts. */
export const MAX_SHIFT_HOURS = 24;
/** Roles that manage everyone's shifts; team members manage only their own. */
const MANAGERS = ['supervisor', 'admin'] as const;

/** True when this staff member may add or remove shifts of other people. */
export const managesRoster = (staff: StaffUser) => (MANAGERS as readonly string[]).includes(staff.role);

/** A team by id, or undefined. */
export async function teamById(db: Db, teamId: string): Promise<TeamInfo | undefined> {
  const [t] = await db.select({ id: teams.id, name: teams.name, regionCode: teams.regionCode, level: teams.level }).from(teams).where(eq(teams.id, teamId));
  return t;
}

/** Active members with a shift of `teamId` covering the instant `now`. */
export async function onDutyNow(db: Db, teamId: string, now: Date): Promise<Person[]> {
  const rows = await db
    .selectDistinct({ id: staffUsers.id, displayName: staffUsers.displayName })
    .from(dutyShifts)
    .innerJoin(staffUsers, eq(staffUsers.id, dutyShifts.staffId))
    .where(and(eq(dutyShifts.teamId, teamId), lte(dutyShifts.startsAt, now), gt(dutyShifts.endsAt, now), eq(staffUsers.active, true)));
  return rows.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The active team above `team`: the county team for a township team, the city team for a county team. */
export async function parentTeam(services: Services, team: TeamInfo): Promise<TeamInfo | undefined> {
  const wanted = team.level === 'township' ? 'county' : team.level === 'county' ? 'city' : undefined;
  const region = wanted && (await services.regions.chain(team.regionCode)).find((r) => r.level === wanted);
  if (!region) return undefined;
  const [t] = await services.database.db
    .select({ id: teams.id, name: teams.name, regionCode: teams.regionCode, level: teams.level })
    .from(teams)
    .where(and(eq(teams.regionCode, region.code), eq(teams.active, true)));
  return t;
}

/** Active staff of `role` whose area covers `regionCode`. */
async function staffCovering(services: Services, db: Db, role: 'supervisor' | 'admin', regionCode: string): Promise<Person[]> {
  const rows = await db
    .select({ id: staffUsers.id, displayName: staffUsers.displayName, areaCode: staffUsers.areaCode })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, role), eq(staffUsers.active, true)));
  const out: Person[] = [];
  for (const r of rows) if (await services.regions.within(regionCode, r.areaCode)) out.push({ id: r.id, displayName: r.displayName });
  return out;
}

/**
 * The supervisors whose area covers `regionCode`; the admins of it when there is none.
 * Inside a transaction pass its handle (PGlite has one connection: another query would wait).
 */
export async function areaSupervisors(services: Services, regionCode: string, db: Db = services.database.db): Promise<Person[]> {
  const supervisors = await staffCovering(services, db, 'supervisor', regionCode);
  return supervisors.length ? supervisors : staffCovering(services, db, 'admin', regionCode);
}

/** Whom to alert for a case of `teamId` at `now`: its on-duty members, else the parent team's, else the area's supervisors. */
export async function onDutyFor(services: Services, teamId: string, now: Date): Promise<OnDuty> {
  const { db } = services.database;
  const team = await teamById(db, teamId);
  if (!team) return { staff: [], source: 'supervisors', team: null };
  const own = await onDutyNow(db, team.id, now);
  if (own.length) return { staff: own, source: 'team', team };
  const parent = await parentTeam(services, team);
  const above = parent ? await onDutyNow(db, parent.id, now) : [];
  if (parent && above.length) return { staff: above, source: 'parent', team: parent };
  return { staff: await areaSupervisors(services, team.regionCode), source: 'supervisors', team: null };
}

/** Active teams whose region lies in the staff member's area, county first. */
export async function teamsInArea(services: Services, staff: StaffUser): Promise<TeamInfo[]> {
  const area = await services.regions.descendants(staff.areaCode);
  if (!area.length) return [];
  const rows = await services.database.db
    .select({ id: teams.id, name: teams.name, regionCode: teams.regionCode, level: teams.level })
    .from(teams)
    .where(and(inArray(teams.regionCode, area), eq(teams.active, true)));
  const rank = { city: 0, county: 1, township: 2 };
  return rows.sort((a, b) => rank[a.level] - rank[b.level] || a.regionCode.localeCompare(b.regionCode));
}

/** Team members who may stand a shift on some team of the staff member's area (for the form). */
export async function rosterCandidates(services: Services, staff: StaffUser): Promise<Person[]> {
  if (!managesRoster(staff)) return staff.role === 'team_member' ? [{ id: staff.id, displayName: staff.displayName }] : [];
  const [below, above] = await Promise.all([services.regions.descendants(staff.areaCode), services.regions.chain(staff.areaCode)]);
  const codes = [...new Set([...below, ...above.map((r) => r.code)])];
  if (!codes.length) return [];
  return services.database.db
    .select({ id: staffUsers.id, displayName: staffUsers.displayName })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'team_member'), eq(staffUsers.active, true), inArray(staffUsers.areaCode, codes)))
    .orderBy(asc(staffUsers.displayName));
}

/** Shifts of the staff member's area overlapping [from, to), earliest first. */
export async function listShifts(services: Services, staff: StaffUser, from: Date, to: Date): Promise<ShiftView[]> {
  const area = await teamsInArea(services, staff);
  if (!area.length) return [];
  return services.database.db
    .select({
      id: dutyShifts.id, teamId: dutyShifts.teamId, teamName: teams.name, staffId: dutyShifts.staffId,
      staffName: staffUsers.displayName, startsAt: dutyShifts.startsAt, endsAt: dutyShifts.endsAt,
    })
    .from(dutyShifts)
    .innerJoin(teams, eq(teams.id, dutyShifts.teamId))
    .innerJoin(staffUsers, eq(staffUsers.id, dutyShifts.staffId))
    .where(and(inArray(dutyShifts.teamId, area.map((t) => t.id)), lt(dutyShifts.startsAt, to), gt(dutyShifts.endsAt, from)))
    .orderBy(asc(dutyShifts.startsAt), asc(teams.id));
}

export interface ShiftInput {
  teamId: string;
  staffId: string;
  startsAt: Date;
  endsAt: Date;
}

const refuse = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** Checks that `actor` may touch shifts of `teamId` for `staffId`; returns the team. */
async function checkRights(services: Services, actor: StaffUser, teamId: string, staffId: string): Promise<TeamInfo> {
  if (actor.role !== 'team_member' && !managesRoster(actor)) throw new AppError('FORBIDDEN', '您的角色不能排班');
  if (!managesRoster(actor) && staffId !== actor.id) throw new AppError('FORBIDDEN', '队员只能安排自己的值班');
  const team = await teamById(services.database.db, teamId);
  if (!team || !(await services.regions.within(team.regionCode, actor.areaCode))) throw refuse('teamId', '请选择本辖区的服务队');
  return team;
}

/**
 * Adds a shift. The person must be an active team member whose area covers the team's
 * region (so they may open the cases they are alerted to); team members add only their own.
 */
export async function addShift(services: Services, actor: StaffUser, input: ShiftInput, ip: string | null): Promise<ShiftView> {
  const team = await checkRights(services, actor, input.teamId, input.staffId);
  const { db } = services.database;
  const [person] = await db.select().from(staffUsers).where(eq(staffUsers.id, input.staffId));
  if (!person || !person.active || person.role !== 'team_member' || !(await services.regions.within(team.regionCode, person.areaCode)))
    throw refuse('staffId', '只能安排负责这个辖区的快速响应队员');
  const { startsAt, endsAt } = input;
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) throw refuse('startsAt', '请填写开始和结束时间');
  if (endsAt <= startsAt) throw refuse('endsAt', '结束时间应晚于开始时间');
  if (endsAt.getTime() - startsAt.getTime() > MAX_SHIFT_HOURS * 3600_000) throw refuse('endsAt', `一个班次最长${MAX_SHIFT_HOURS}小时`);
  const now = services.clock();
  if (endsAt <= now) throw refuse('endsAt', '不能安排已经过去的班次');
  const created = await db.transaction(async (tx) => {
    const overlap = await tx
      .select({ id: dutyShifts.id })
      .from(dutyShifts)
      .where(and(eq(dutyShifts.teamId, team.id), eq(dutyShifts.staffId, person.id), lt(dutyShifts.startsAt, endsAt), gt(dutyShifts.endsAt, startsAt)));
    if (overlap.length) throw refuse('startsAt', '这段时间已有这名队员的班次');
    const [row] = await tx.insert(dutyShifts).values({ teamId: team.id, staffId: person.id, startsAt, endsAt }).returning();
    await recordAudit(
      tx,
      { actorKind: 'staff', actorId: actor.id, actorName: actor.displayName, action: 'roster.add_shift', subjectType: 'duty_shift', subjectId: row!.id, ip, detail: { teamId: team.id, staffId: person.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } },
      now,
    );
    return row!;
  });
  return { ...created, teamName: team.name, staffName: person.displayName };
}

/** Removes a shift of the actor's area (team members: only their own). */
export async function removeShift(services: Services, actor: StaffUser, shiftId: string, ip: string | null): Promise<void> {
  const { db } = services.database;
  if (!/^[0-9a-f-]{36}$/.test(shiftId)) throw new AppError('NOT_FOUND', '没有这个班次');
  const [shift] = await db.select().from(dutyShifts).where(eq(dutyShifts.id, shiftId));
  if (!shift) throw new AppError('NOT_FOUND', '没有这个班次');
  await checkRights(services, actor, shift.teamId, shift.staffId);
  const now = services.clock();
  await db.transaction(async (tx) => {
    await tx.delete(dutyShifts).where(eq(dutyShifts.id, shift.id));
    await recordAudit(
      tx,
      { actorKind: 'staff', actorId: actor.id, actorName: actor.displayName, action: 'roster.remove_shift', subjectType: 'duty_shift', subjectId: shift.id, ip, detail: { teamId: shift.teamId, staffId: shift.staffId, startsAt: shift.startsAt.toISOString(), endsAt: shift.endsAt.toISOString() } },
      now,
    );
  });
}

