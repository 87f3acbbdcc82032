/**
 * The hotline desk (operator): find a caller's cases through the keyed hashes, read a case's
 * timeline, file an application for the caller when none is open, hand an urgent call to the
 * local team, and fill reply templates from a case. The call log lives in `./calls`.
 *
 * Decisions:
 * - Search never decrypts: the typed phone or ID number is normalised and hashed with the
 *   vault's look-up key, and only rows with that hash are read. Cases in the operator's area
 *   are listed masked; cases elsewhere are only counted ("另有X件在其他地区办理"), without
 *   number, region or status, so that the operator can tell the caller to turn to the local
 *   hotline and does not file a duplicate. The number searched for is never audited or logged.
 * - Filing is refused while the caller (by ID hash, in any area) has an open case; the
 *   message names the tracking number only when that case lies in the operator's area. A
 *   replay of a form already filed (same Idempotency-Key) returns the first answer instead.
 *   Two operators filing for one ID in the same instant are not serialised here: both cases
 *   then carry the DUPLICATE_OPEN_CASE flag that the application service sets.
 * - Operators file only for places inside their own area (they could not see the case
 *   otherwise); a supervisor filing at the desk files as the hotline (channel `hotline`).
 * - An urgent hand-over raises the priority to P1 (never lowers it), tightens the first-contact
 *   and pre-rescue deadlines to the P1 limits counted from now (never loosens them), appends a
 *   staff-only event `hotline_urgent` (status unchanged, reason sealed) and an urgent call log
 *   in one transaction, then publishes on CASE_CHANNEL so the team's live queue refreshes.
 */
import { and, eq } from 'drizzle-orm';
import { isOpen, statusLabels } from '../../../shared/src/cases/state-machine';
import { computeDueTimes } from '../../../shared/src/cases/deadlines';
import { createApplicationRequestSchema, type ApplicationCreated } from '../../../shared/src/contract/application';
import { shanghaiDate } from '../../../shared/src/dates';
import { normalizeIdNumber, validateIdNumber } from '../../../shared/src/id/gb11643';
import { normalizeMobile } from '../../../shared/src/id/phone';
import { submitApplication } from '../applications/service';
import { recordAudit } from '../audit/service';
import { findCaseByTrackingNo, insertEvent, listEvents, updateCase, type CaseRow } from '../cases/repo';
import { CASE_CHANNEL } from '../cases/service';
import { cases, idempotencyKeys, teams } from '../db/schema';
import type { Services } from '../platform/context';
import { AppError, validationError } from '../platform/errors';
import type { RegionInfo } from '../regions/service';
import type { StaffUser } from '../staff/auth';
import { actorKindOf, caseInArea, listStaffCases, type StaffCaseListItem } from '../staff/case-work';
import { insertCallLog } from './calls';
import type { TemplateVars } from './templates';

export type LookupKind = 'phone' | 'id';

const audit = (services: Services, staff: StaffUser, ip: string | null) => (action: string, subjectType: string, subjectId: string | null, detail: Record<string, unknown>) =>
  recordAudit(services.database.db, { actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action, subjectType, subjectId, ip, detail }, services.clock());

/** Reads what the operator typed: a mobile or an ID number, normalised; anything else is refused. */
export function parseCallerKey(raw: string, today: string): { kind: LookupKind; value: string } {
  const text = raw.trim();
  const phone = normalizeMobile(text);
  if (phone) return { kind: 'phone', value: phone };
  const id = normalizeIdNumber(text);
  if (id.length === 18) {
    const checked = validateIdNumber(id, today);
    if (!checked.ok) throw new AppError('VALIDATION_FAILED', checked.reason, [{ path: 'q', message: checked.reason }]);
    return { kind: 'id', value: checked.value };
  }
  const message = '请输入11位手机号码或18位身份证号码';
  throw new AppError('VALIDATION_FAILED', message, [{ path: 'q', message }]);
}

export interface CallerSearch {
  kind: LookupKind;
  /** The caller's cases in the operator's area, masked; open ones first, newest first. */
  items: StaffCaseListItem[];
  /** How many of the caller's cases lie outside the area (no details), and how many of them are open. */
  elsewhere: number;
  elsewhereOpen: number;
}

/** Finds a caller's cases by phone or ID number through the keyed hashes; audited without the number. */
export async function searchCaller(services: Services, staff: StaffUser, raw: string, ip: string | null): Promise<CallerSearch> {
  const key = parseCallerKey(raw, shanghaiDate(services.clock()));
  const hash = services.vault.lookupHash(key.kind, key.value);
  const column = key.kind === 'phone' ? cases.phoneHash : cases.idHash;
  const found = await services.database.db.select({ id: cases.id, regionCode: cases.regionCode, status: cases.status }).from(cases).where(eq(column, hash));
  const area = new Set(await services.regions.descendants(staff.areaCode));
  const inside = found.filter((f) => area.has(f.regionCode));
  const outside = found.filter((f) => !area.has(f.regionCode));
  const items = inside.length ? await listStaffCases(services, staff, { caseIds: inside.map((f) => f.id) }) : [];
  items.sort((a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)) || b.createdAt.getTime() - a.createdAt.getTime());
  const result = { kind: key.kind, items, elsewhere: outside.length, elsewhereOpen: outside.filter((f) => isOpen(f.status)).length };
  await audit(services, staff, ip)('hotline.search', 'hotline', null, { kind: key.kind, hits: items.length, elsewhere: result.elsewhere });
  return result;
}

/** The office a caller is sent to for a region (illustrative: the seed has no street addresses). */
export function officeOf(region: Pick<RegionInfo, 'name' | 'level'>): string {
  if (region.level === 'township') return `${region.name}便民服务中心社会救助窗口`;
  if (region.level === 'county') return `${region.name}民政局社会救助窗口`;
  return `${region.name}民政部门`;
}

/** Template variables from a case and its region (or, with no case, from the operator's area). */
export async function templateVarsFor(services: Services, staff: StaffUser, row?: CaseRow): Promise<TemplateVars> {
  const regionCode = row?.regionCode ?? staff.areaCode;
  const [region, hotline, team] = await Promise.all([
    services.regions.get(regionCode),
    services.regions.hotline(regionCode),
    row ? services.database.db.select().from(teams).where(eq(teams.id, row.teamId)).then((r) => r[0]) : undefined,
  ]);
  return {
    trackingNo: row?.trackingNo,
    status: row ? statusLabels[row.status] : undefined,
    amount: row ? (row.approvedAmount ?? row.preRescueAmount ?? undefined) : undefined,
    team: team?.name,
    teamPhone: team?.phone,
    office: region ? officeOf(region) : undefined,
    hotline: hotline ?? undefined,
  };
}

export interface DeskTimelineEntry {
  at: Date;
  title: string;
  statusLabel: string;
  /** False for staff-only entries (e.g. an urgent hand-over). */
  visibleToResident: boolean;
}

/** A case of the operator's area for the desk: masked summary, compact timeline, template variables. */
export async function caseForDesk(services: Services, staff: StaffUser, trackingNo: string) {
  const row = await caseInArea(services, staff, trackingNo);
  const [[item], events, vars] = await Promise.all([
    listStaffCases(services, staff, { caseIds: [row.id] }),
    listEvents(services.database.db, row.id),
    templateVarsFor(services, staff, row),
  ]);
  const timeline: DeskTimelineEntry[] = events.map((e) => ({ at: e.at, title: e.title, statusLabel: statusLabels[e.toStatus], visibleToResident: e.visibleToResident }));
  return { row, item: item!, timeline, vars, open: isOpen(row.status) };
}

/** Filing refused: the caller already has an open case (named when it lies in the operator's area). */
export class OpenCaseError extends AppError {
  constructor(readonly trackingNo: string | undefined, message: string) {
    super('CASE_ALREADY_OPEN', message, [{ path: 'applicant.idNumber', message }]);
  }
}

/**
 * Files an application for the caller (channel `hotline`), validated like the resident's,
 * only when the caller has no open case; idempotent on the key. `replay` is true when the key
 * had already filed this form.
 */
export async function fileForCaller(services: Services, staff: StaffUser, idempotencyKey: string, input: unknown, ip: string | null): Promise<{ body: ApplicationCreated; replay: boolean }> {
  const parsed = createApplicationRequestSchema({ today: shanghaiDate(services.clock()) }).safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const body = parsed.data;
  if (!(await services.regions.within(body.regionCode, staff.areaCode))) {
    const message = '只能登记本辖区的申请，其他地区请转当地热线';
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'regionCode', message }]);
  }
  const { db } = services.database;
  // Same scope string as the application service uses for staff submitters.
  const [seen] = await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, `staff:${staff.id}`), eq(idempotencyKeys.key, idempotencyKey)));
  if (!seen) {
    const open = (
      await db.select({ trackingNo: cases.trackingNo, regionCode: cases.regionCode, status: cases.status }).from(cases).where(eq(cases.idHash, services.vault.lookupHash('id', body.applicant.idNumber)))
    ).filter((r) => isOpen(r.status));
    if (open.length) {
      const area = new Set(await services.regions.descendants(staff.areaCode));
      const mine = open.find((r) => area.has(r.regionCode));
      throw mine
        ? new OpenCaseError(mine.trackingNo, `来电人已有一件正在办理的申请 ${mine.trackingNo}（${statusLabels[mine.status]}），不能重复登记。可以查询进度或转告服务队。`)
        : new OpenCaseError(undefined, '来电人已有一件在其他地区正在办理的申请，不能重复登记，请引导来电人联系当地热线。');
    }
  }
  const result = await submitApplication(services, { kind: 'operator', staffId: staff.id }, idempotencyKey, body);
  if (!seen) {
    const filed = await findCaseByTrackingNo(db, result.body.trackingNo);
    await audit(services, staff, ip)('hotline.file', 'case', filed?.id ?? null, { trackingNo: result.body.trackingNo, priority: result.body.priority });
  }
  return { body: result.body, replay: !!seen };
}

/**
 * Hands an urgent call to the local team: priority raised to P1 if lower, P1 deadlines from
 * now where they are tighter, a staff-only case event with the sealed reason and an urgent
 * call log, in one transaction; then the live queue is told.
 */
export async function handOverUrgent(
  services: Services,
  staff: StaffUser,
  trackingNo: string,
  input: { reason: string; durationSeconds?: number | undefined },
  ip: string | null,
): Promise<{ trackingNo: string; priority: 'P1'; raised: boolean; callId: string }> {
  const reason = input.reason.trim();
  if (reason.length < 4) throw new AppError('VALIDATION_FAILED', '请写明紧急情况（至少4个字）', [{ path: 'reason', message: '请写明紧急情况（至少4个字）' }]);
  const actorKind = actorKindOf(staff) ?? 'operator';
  const now = services.clock();
  const out = await services.database.db.transaction(async (tx) => {
    const row = await caseInArea(services, staff, trackingNo, tx, true);
    if (!isOpen(row.status)) throw new AppError('INVALID_TRANSITION', `这件申请已${statusLabels[row.status]}，不能转紧急；如需帮助请重新登记申请`);
    const raised = row.priority !== 'P1';
    const p1 = computeDueTimes({ priority: 'P1', hardshipType: row.hardshipType, createdAt: now });
    const earlier = (a: Date | null, b: Date | undefined) => (!a ? (b ?? null) : b && b < a ? b : a);
    const callId = await insertCallLog(tx, services, staff, {
      topic: 'emergency', outcome: 'handed_over', summary: reason, caseId: row.id, urgent: true, durationSeconds: input.durationSeconds ?? null, data: { from: row.priority },
    }, now);
    await insertEvent(tx, {
      caseId: row.id, at: now, actorKind, actorId: staff.id, action: 'hotline_urgent', fromStatus: row.status, toStatus: row.status,
      title: raised ? `热线转紧急处理（${row.priority}→P1）` : '热线再次催办（紧急）', noteEnc: services.vault.seal(reason),
      data: { from: row.priority, to: 'P1', callId }, visibleToResident: false,
    });
    const hasReason = row.triageReasons.some((r) => r.code === 'HOTLINE_URGENT');
    await updateCase(tx, row.id, {
      priority: 'P1',
      triageReasons: hasReason ? row.triageReasons : [...row.triageReasons, { code: 'HOTLINE_URGENT', message: '热线来电反映情况紧急，转为P1' }],
      ...(row.firstContactAt ? {} : { firstContactDue: earlier(row.firstContactDue, p1.firstContactDue)! }),
      ...(row.preRescueAmount === null ? { preRescueDue: earlier(row.preRescueDue, p1.preRescueDue) } : {}),
      updatedAt: now,
      version: row.version + 1,
    });
    await recordAudit(tx, {
      actorKind: 'staff', actorId: staff.id, actorName: staff.displayName, action: 'hotline.urgent', subjectType: 'case', subjectId: row.id, ip,
      detail: { trackingNo: row.trackingNo, from: row.priority, to: 'P1', callId },
    }, now);
    return { row, raised, callId };
  });
  await services
    .publish(CASE_CHANNEL, { caseId: out.row.id, teamId: out.row.teamId, trackingNo: out.row.trackingNo, priority: 'P1', status: out.row.status, kind: 'hotline_urgent' })
    .catch((err: Error) => services.logger.warn({ err: err.message }, 'live update not published'));
  return { trackingNo: out.row.trackingNo, priority: 'P1', raised: out.raised, callId: out.callId };
}
