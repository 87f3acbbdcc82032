import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { statusLabels, nextActionFor, SUBMITTED_TITLE } from '../../../shared/src/cases/state-machine';
import { computeDueTimes } from '../../../shared/src/cases/deadlines';
import type { ApplicationCreated, ApplicationRequest } from '../../../shared/src/contract/application';
import { eligibilityRequestSchema } from '../../../shared/src/contract/eligibility';
import type { Channel } from '../../../shared/src/contract/enums';
import { shanghaiDate } from '../../../shared/src/dates';
import { checkEligibility } from '../../../shared/src/policy/engine';
import { POLICY_VERSION } from '../../../shared/src/policy/version';
import { triage } from '../../../shared/src/triage/triage';
import { CASE_CHANNEL, recordTransition } from '../cases/service';
import { casesByIds, insertCase, insertEvent, openCasesWithIdHash, updateCase } from '../cases/repo';
import { newTrackingNo } from '../cases/tracking';
import { idempotencyKeys, type CaseFlag } from '../db/schema';
import type { Services } from '../platform/context';
import { AppError } from '../platform/errors';
import type { RegionService } from '../regions/service';
import { routeToTeam } from '../routing/service';

export type Submitter =
  | { kind: 'resident'; residentId: string }
  | { kind: 'operator' | 'team_member'; staffId: string; residentId?: string };

/** What the applicant told us that is personal: sealed as one envelope on the case. */
export interface PersonalData {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  description: string;
  monthlyIncome?: number;
}

/** Stable JSON (sorted keys) so that the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const requestHash = (body: ApplicationRequest) => createHash('sha256').update(canonical(body)).digest('base64url');

/**
 * Files an application: one case per Idempotency-Key (a replay returns the first answer, a
 * different body under the same key is refused), triaged, routed to exactly one team, with
 * the eligibility snapshot, deadlines, duplicate flags, its first events and the resident's
 * notification written in one transaction.
 */
export async function submitApplication(
  services: Services,
  submitter: Submitter,
  idempotencyKey: string,
  body: ApplicationRequest,
): Promise<{ status: number; body: ApplicationCreated }> {
  const { database, vault, regions, clock } = services;
  const region = await regions.get(body.regionCode);
  if (!region) throw new AppError('REGION_UNKNOWN', `地区代码 ${body.regionCode} 不存在`, [{ path: 'regionCode', message: '没有找到这个地区' }]);
  if (region.level === 'province')
    throw new AppError('VALIDATION_FAILED', '请选择到区县或街道', [{ path: 'regionCode', message: '请选择到区县或街道' }]);

  const scope = submitter.kind === 'resident' ? `resident:${submitter.residentId}` : `staff:${submitter.staffId}`;
  const hash = requestHash(body);
  const residentId = submitter.kind === 'resident' ? submitter.residentId : (submitter.residentId ?? null);
  const channel: Channel = submitter.kind === 'resident' ? 'miniprogram' : submitter.kind === 'operator' ? 'hotline' : 'team';

  const outcome = await database.db.transaction(async (tx) => {
    const now = clock();
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ scope, key: idempotencyKey, requestHash: hash, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (!claimed.length) {
      // Another request with this key got here first; it has committed by now (the insert waited for it).
      const [first] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, idempotencyKey)));
      if (!first) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      if (first.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED', '同一个提交编号对应了不同的申请内容，请重新填写后提交');
      if (!first.response) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      return { replay: true as const, status: first.statusCode ?? 201, body: first.response as ApplicationCreated };
    }

    const team = await routeToTeam(tx, regions, body.regionCode);
    if (!team) throw new AppError('REGION_UNKNOWN', '这个地区还没有服务队', [{ path: 'regionCode', message: '这个地区还没有服务队' }]);
    const triaged = triage(
      {
        hardshipType: body.hardship.type,
        urgentNeeds: body.hardship.urgentNeeds,
        description: body.hardship.description,
        occurredOn: body.hardship.occurredOn,
        household: body.household,
        nonLocal: body.nonLocal,
      },
      now,
    );
    const snapshot = await eligibilitySnapshot(regions, body, shanghaiDate(now));
    const due = computeDueTimes({ priority: triaged.priority, hardshipType: body.hardship.type, createdAt: now });
    const personal: PersonalData = {
      name: body.applicant.name,
      idNumber: body.applicant.idNumber,
      phone: body.applicant.phone,
      address: body.address,
      description: body.hardship.description,
      ...(body.household.monthlyIncome !== undefined ? { monthlyIncome: body.household.monthlyIncome } : {}),
    };
    const idHash = vault.lookupHash('id', body.applicant.idNumber);
    const others = await openCasesWithIdHash(tx, idHash);
    const trackingNo = newTrackingNo(now);
    const flags: CaseFlag[] = others.map((o) => ({ code: 'DUPLICATE_OPEN_CASE', trackingNo: o.trackingNo, message: `同一身份证号另有未办结的申请 ${o.trackingNo}` }));

    const row = await insertCase(tx, {
      trackingNo,
      residentId,
      channel,
      status: 'submitted',
      priority: triaged.priority,
      triageReasons: triaged.reasons.map(({ code, message }) => ({ code, message })),
      teamId: team.id,
      regionCode: body.regionCode,
      nonLocal: body.nonLocal,
      hardshipType: body.hardship.type,
      occurredOn: body.hardship.occurredOn,
      urgentNeeds: body.hardship.urgentNeeds,
      amountRequested: body.hardship.amountRequested ?? null,
      householdSize: body.household.size,
      personalEnc: vault.seal(personal),
      idHash,
      phoneHash: vault.lookupHash('phone', body.applicant.phone),
      eligibility: snapshot.value,
      policyVersion: POLICY_VERSION,
      paramsRegion: snapshot.parameters?.region ?? null,
      paramsEffectiveFrom: snapshot.parameters?.effectiveFrom ?? null,
      flags,
      firstContactDue: due.firstContactDue,
      preRescueDue: due.preRescueDue ?? null,
      decisionDue: due.decisionDue,
      createdBy: submitter.kind === 'resident' ? null : submitter.staffId,
      createdAt: now,
      updatedAt: now,
    });
    // A duplicate is flagged on both sides for staff; it never refuses anyone automatically.
    for (const other of await casesByIds(tx, others.map((o) => o.id))) {
      const flag: CaseFlag = { code: 'DUPLICATE_OPEN_CASE', trackingNo, message: `同一身份证号另有未办结的申请 ${trackingNo}` };
      await updateCase(tx, other.id, { flags: [...other.flags, flag] });
    }
    await insertEvent(tx, {
      caseId: row.id,
      at: now,
      actorKind: submitter.kind === 'resident' ? 'resident' : submitter.kind,
      actorId: submitter.kind === 'resident' ? submitter.residentId : submitter.staffId,
      action: 'submit',
      fromStatus: null,
      toStatus: 'submitted',
      title: SUBMITTED_TITLE,
      data: { channel, priority: triaged.priority },
      visibleToResident: true,
    });
    const { to } = await recordTransition(tx, vault, row, 'assign', { kind: 'system' }, now, {
      teamName: team.name,
      data: { teamId: team.id },
    });
    const response: ApplicationCreated = {
      trackingNo,
      status: to,
      priority: triaged.priority,
      team: { id: team.id, name: team.name, phone: team.phone },
      createdAt: now.toISOString(),
      statusLabel: statusLabels[to],
      nextAction: nextActionFor(to, triaged.priority),
      crisis: triaged.crisis.crisis,
      hotline: (await regions.hotline(body.regionCode)) ?? undefined,
      channel,
    };
    await tx.update(idempotencyKeys).set({ caseId: row.id, statusCode: 201, response }).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, idempotencyKey)));
    return { replay: false as const, status: 201, body: response, caseId: row.id, teamId: team.id };
  });

  if (!outcome.replay) {
    await services
      .publish(CASE_CHANNEL, { caseId: outcome.caseId, teamId: outcome.teamId, trackingNo: outcome.body.trackingNo, priority: outcome.body.priority, status: outcome.body.status, kind: 'created' })
      .catch((err: Error) => services.logger.warn({ err: err.message }, 'live update not published'));
  }
  return { status: outcome.status, body: outcome.body };
}

/**
 * The eligibility pre-screen frozen onto a case: the application carries only the household
 * size and income, so members are adults with the income on the applicant; staff read it as
 * an estimate beside the parameter record and policy version used.
 */
async function eligibilitySnapshot(regions: RegionService, body: ApplicationRequest, asOf: string) {
  const resolution = await regions.resolve(body.regionCode, asOf);
  if (!resolution.ok) return { value: { error: resolution.code, asOf }, parameters: undefined };
  const request = eligibilityRequestSchema.parse({
    regionCode: body.regionCode,
    asOf,
    residence: 'urban',
    hukou: body.nonLocal ? 'other' : 'local',
    members: Array.from({ length: body.household.size }, (_, i) => ({
      relation: i === 0 ? 'self' : 'other',
      age: 40,
      ...(i === 0 && body.household.monthlyIncome ? { income: { transfer: body.household.monthlyIncome } } : {}),
    })),
    hardship: {
      type: body.hardship.type,
      occurredOn: body.hardship.occurredOn,
      ...(body.hardship.amountRequested ? { loss: body.hardship.amountRequested } : {}),
    },
  });
  const result = checkEligibility(request, asOf, resolution.record, body.regionCode);
  return { value: { estimate: true, request, result }, parameters: result.parameters };
}

