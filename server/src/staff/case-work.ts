import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { statusLabels, type ActorKind, type CaseAction } from '../../../shared/src/cases/state-machine';
import { paperworkDueAfter } from '../../../shared/src/cases/deadlines';
import type { CaseStatus } from '../../../shared/src/contract/enums';
import { shanghaiDate } from '../../../shared/src/dates';
import { maskIdNumber, maskName, maskPhone } from '../../../shared/src/id/mask';
import { ceilToYuan } from '../../../shared/src/policy/money';
import { temporaryLimitsFen } from '../../../shared/src/policy/temporary';
import type { PersonalData } from '../applications/service';
import { recordAudit } from '../audit/service';
import { findCaseByTrackingNo, listEvents, lockCaseByTrackingNo, type CaseRow } from '../cases/repo';
import { CASE_CHANNEL, recordTransition } from '../cases/service';
import type { Db } from '../db/client';
import { attachments, cases, staffUsers, teams } from '../db/schema';
import type { Services } from '../platform/context';
import { AppError } from '../platform/errors';
import type { StaffUser } from './auth';

/** Staff roles act as these kinds in the state machine; auditors only read. */
export function actorKindOf(staff: StaffUser): ActorKind | undefined {
  return staff.role === 'auditor' ? undefined : staff.role;
}

const OPEN_EXCLUDED: CaseStatus[] = ['closed', 'rejected', 'withdrawn'];
const priorityRank = sql`case ${cases.priority} when 'P1' then 1 when 'P2' then 2 else 3 end`;

export interface StaffCaseListItem {
  id: string;
  trackingNo: string;
  status: CaseStatus;
  statusLabel: string;
  priority: string;
  hardshipType: string;
  regionCode: string;
  teamId: string;
  teamName: string;
  channel: string;
  createdAt: Date;
  updatedAt: Date;
  firstContactDue: Date;
  firstContactAt: Date | null;
  preRescueDue: Date | null;
  decisionDue: Date;
  claimedBy: string | null;
  claimedByName: string | null;
  applicantName: string;
  applicantPhone: string;
  flags: number;
}

/** Masked personal data for lists: 张*明, 138****8000. */
function masked(services: Services, row: { personalEnc: string }) {
  const p = services.vault.open<PersonalData>(row.personalEnc);
  return { applicantName: maskName(p.name), applicantPhone: maskPhone(p.phone) };
}

/** Cases of the staff member's area, most urgent first, then by first-contact deadline; personal data masked. */
export async function listStaffCases(
  services: Services,
  staff: StaffUser,
  filter: { statuses?: CaseStatus[]; openOnly?: boolean; caseIds?: string[]; limit?: number } = {},
): Promise<StaffCaseListItem[]> {
  const area = await services.regions.descendants(staff.areaCode);
  if (!area.length) return [];
  const conditions = [inArray(cases.regionCode, area)];
  if (filter.statuses?.length) conditions.push(inArray(cases.status, filter.statuses));
  if (filter.openOnly) conditions.push(sql`${cases.status} not in ('closed','rejected','withdrawn')`);
  if (filter.caseIds) conditions.push(filter.caseIds.length ? inArray(cases.id, filter.caseIds) : sql`false`);
  const rows = await services.database.db
    .select({ c: cases, teamName: teams.name, claimedByName: staffUsers.displayName })
    .from(cases)
    .innerJoin(teams, eq(teams.id, cases.teamId))
    .leftJoin(staffUsers, eq(staffUsers.id, cases.claimedBy))
    .where(and(...conditions))
    .orderBy(priorityRank, asc(cases.firstContactDue))
    .limit(filter.limit ?? 200);
  return rows.map(({ c, teamName, claimedByName }) => ({
    id: c.id, trackingNo: c.trackingNo, status: c.status, statusLabel: statusLabels[c.status], priority: c.priority,
    hardshipType: c.hardshipType, regionCode: c.regionCode, teamId: c.teamId, teamName, channel: c.channel,
    createdAt: c.createdAt, updatedAt: c.updatedAt, firstContactDue: c.firstContactDue, firstContactAt: c.firstContactAt,
    preRescueDue: c.preRescueDue, decisionDue: c.decisionDue, claimedBy: c.claimedBy, claimedByName, flags: c.flags.length,
    ...masked(services, c),
  }));
}

/** The case if it lies in the staff member's area; otherwise 404, as if it did not exist. */
export async function caseInArea(services: Services, staff: StaffUser, trackingNo: string, db: Db = services.database.db, lock = false): Promise<CaseRow> {
  const row = lock ? await lockCaseByTrackingNo(db, trackingNo) : await findCaseByTrackingNo(db, trackingNo);
  if (!row || !(await services.regions.within(row.regionCode, staff.areaCode))) throw new AppError('CASE_NOT_FOUND', '没有找到这件申请');
  return row;
}

/** The whole case for staff, personal data included; the view is recorded in the audit trail. */
export async function staffCaseDetail(services: Services, staff: StaffUser, trackingNo: string, ip: string | null) {
  const row = await caseInArea(services, staff, trackingNo);
  const { db } = services.database;
  const [events, files, team, claimer, region] = await Promise.all([
    listEvents(db, row.id),
    db.select({ id: attachments.id, mime: attachments.mime, size: attachments.size, createdAt: attachments.createdAt }).from(attachments).where(eq(attachments.caseId, row.id)),
    db.select().from(teams).where(eq(teams.id, row.teamId)).then((r) => r[0]),
    row.claimedBy ? db.select({ name: staffUsers.displayName }).from(staffUsers).where(eq(staffUsers.id, row.claimedBy)).then((r) => r[0]?.name ?? null) : null,
    services.regions.get(row.regionCode),
  ]);
  const personal = services.vault.open<PersonalData>(row.personalEnc);
  const actorNames = new Map(
    (await db.select({ id: staffUsers.id, name: staffUsers.displayName }).from(staffUsers).where(inArray(staffUsers.id, [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x && /^[0-9a-f-]{36}$/.test(x)))].concat(['00000000-0000-0000-0000-000000000000'])))).map((r) => [r.id, r.name]),
  );
  await recordAudit(db, { actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action: 'case.view_personal', subjectType: 'case', subjectId: row.id, ip, detail: { trackingNo: row.trackingNo } }, services.clock());
  return {
    row,
    personal,
    maskedId: maskIdNumber(personal.idNumber),
    team,
    region,
    claimedByName: claimer,
    attachments: files,
    events: events.map((e) => ({
      ...e,
      note: e.noteEnc ? services.vault.open<string>(e.noteEnc) : null,
      actorName: e.actorId ? (actorNames.get(e.actorId) ?? (e.actorKind === 'resident' ? '申请人' : e.actorKind)) : '系统',
    })),
  };
}

export interface ActionInput {
  note?: string | undefined;
  amount?: number | undefined;
  teamId?: string | undefined;
}

/** Actions a team member may take only on a case they have claimed. */
const NEEDS_CLAIM: CaseAction[] = ['contact', 'visit', 'request_materials', 'pay_pre_rescue', 'send_for_review', 'transfer', 'escalate'];

/** Limits from the parameters in force today for the case's region (RULES.md §8). */
async function limitsFor(services: Services, regionCode: string, now: Date) {
  const resolution = await services.regions.resolve(regionCode, shanghaiDate(now));
  if (!resolution.ok) throw new AppError('POLICY_NOT_IN_FORCE');
  const { capFen, townLimitFen } = temporaryLimitsFen(resolution.record);
  return { cap: ceilToYuan(capFen), townLimit: ceilToYuan(townLimitFen) };
}

/** The county team above a case's region (or the city team for a county-level case). */
export async function escalationTeam(services: Services, row: CaseRow, db: Db): Promise<{ id: string; name: string }> {
  const chain = await services.regions.chain(row.regionCode);
  const [current] = await db.select().from(teams).where(eq(teams.id, row.teamId));
  const target = current?.level === 'township' ? chain.find((r) => r.level === 'county') : chain.find((r) => r.level === 'city');
  const [team] = target ? await db.select().from(teams).where(and(eq(teams.regionCode, target.code), eq(teams.active, true))) : [];
  if (!team) throw new AppError('CONFLICT', '没有可以上报的上级服务队');
  return team;
}

/**
 * One staff action on a case, in one transaction with the case row locked: role and area
 * checked, the state machine applied, amounts held to the region's limits, the event, the
 * resident's notification and the audit entry written together. Claims are settled by an
 * atomic update, so of two members clicking at once exactly one wins.
 */
export async function performStaffAction(services: Services, staff: StaffUser, trackingNo: string, action: CaseAction, input: ActionInput, ip: string | null) {
  const actorKind = actorKindOf(staff);
  if (!actorKind) throw new AppError('FORBIDDEN', '审计员只能查看');
  const actor = { kind: actorKind, id: staff.id };
  const now = services.clock();
  const note = input.note?.trim() || undefined;
  const result = await services.database.db.transaction(async (tx) => {
    const row = await caseInArea(services, staff, trackingNo, tx, true);
    if (actorKind === 'team_member' && NEEDS_CLAIM.includes(action) && row.claimedBy !== staff.id)
      throw new AppError('FORBIDDEN', row.claimedBy ? '这件申请由其他队员负责' : '请先接单');
    const opts: Parameters<typeof recordTransition>[6] = { ...(note ? { note } : {}) };
    let reassignTo: { id: string; name: string } | undefined;
    switch (action) {
      case 'claim': {
        const won = await tx
          .update(cases)
          .set({ claimedBy: staff.id, claimedAt: now })
          .where(and(eq(cases.id, row.id), isNull(cases.claimedBy)))
          .returning({ id: cases.id });
        if (!won.length) {
          const [holder] = await tx.select({ name: staffUsers.displayName }).from(staffUsers).where(eq(staffUsers.id, row.claimedBy!));
          throw new AppError('ALREADY_CLAIMED', `这件申请已由${holder?.name ?? '其他队员'}接手`);
        }
        opts.visibleToResident = true;
        break;
      }
      case 'contact':
        opts.set = row.firstContactAt ? {} : { firstContactAt: now };
        break;
      case 'visit':
        // Meeting the resident at home is a first contact too.
        opts.set = row.firstContactAt ? {} : { firstContactAt: now };
        if (!note) throw new AppError('VALIDATION_FAILED', '请填写入户核实情况', [{ path: 'note', message: '请填写入户核实情况' }]);
        break;
      case 'request_materials':
      case 'reject':
        if (!note || note.length < 4) throw new AppError('VALIDATION_FAILED', action === 'reject' ? '请写明不予批准的理由' : '请写明需要补充哪些材料', [{ path: 'note', message: '请至少写4个字' }]);
        break;
      case 'pay_pre_rescue': {
        const { townLimit } = await limitsFor(services, row.regionCode, now);
        if (!input.amount || input.amount <= 0) throw new AppError('VALIDATION_FAILED', '请填写先行救助金额', [{ path: 'amount', message: '请填写金额' }]);
        if (input.amount > townLimit)
          throw new AppError('OVER_LIMIT', `先行救助最多${townLimit}元（街道权限），超过的请上报区县`, [{ path: 'amount', message: `不能超过${townLimit}元` }]);
        opts.set = { preRescueAmount: input.amount };
        opts.data = { amount: input.amount, paperworkDue: paperworkDueAfter(now).toISOString() };
        break;
      }
      case 'approve': {
        const { cap } = await limitsFor(services, row.regionCode, now);
        if (!input.amount || input.amount <= 0) throw new AppError('VALIDATION_FAILED', '请填写批准金额', [{ path: 'amount', message: '请填写金额' }]);
        if (input.amount > cap) throw new AppError('OVER_LIMIT', `临时救助每次最多${cap}元，超过的需一事一议`, [{ path: 'amount', message: `不能超过${cap}元` }]);
        opts.set = { approvedAmount: input.amount };
        opts.data = { amount: input.amount };
        break;
      }
      case 'pay':
        opts.data = { amount: input.amount ?? row.approvedAmount };
        break;
      case 'transfer': {
        if (!input.teamId || input.teamId === row.teamId) throw new AppError('VALIDATION_FAILED', '请选择转交的服务队', [{ path: 'teamId', message: '请选择另一支服务队' }]);
        const [team] = await tx.select().from(teams).where(and(eq(teams.id, input.teamId), eq(teams.active, true)));
        if (!team) throw new AppError('VALIDATION_FAILED', '没有这支服务队', [{ path: 'teamId', message: '没有这支服务队' }]);
        reassignTo = team;
        break;
      }
      case 'escalate':
        reassignTo = await escalationTeam(services, row, tx);
        opts.set = { teamId: reassignTo.id, claimedBy: null, claimedAt: null };
        opts.data = { teamId: reassignTo.id };
        break;
      default:
        break;
    }
    const { to } = await recordTransition(tx, services.vault, row, action, actor, now, opts);
    if (action === 'transfer' && reassignTo) {
      // The receiving team gets it at once: transferred → assigned, with nobody's claim on it.
      const moved = (await lockCaseByTrackingNo(tx, trackingNo))!;
      await recordTransition(tx, services.vault, moved, 'assign', { kind: 'system' }, now, {
        teamName: reassignTo.name,
        set: { teamId: reassignTo.id, claimedBy: null, claimedAt: null },
        data: { teamId: reassignTo.id, from: row.teamId },
      });
    }
    await recordAudit(
      tx,
      { actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action: `case.${action}`, subjectType: 'case', subjectId: row.id, ip, detail: { trackingNo, from: row.status, to, ...(input.amount ? { amount: input.amount } : {}) } },
      now,
    );
    return (await findCaseByTrackingNo(tx, trackingNo))!;
  });
  await services
    .publish(CASE_CHANNEL, { caseId: result.id, teamId: result.teamId, trackingNo, priority: result.priority, status: result.status, kind: action })
    .catch(() => {});
  return { trackingNo, status: result.status, statusLabel: statusLabels[result.status] };
}
