import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockCaseByTrackingNo } from '../../server/src/cases/repo';
import { recordTransition, type Actor } from '../../server/src/cases/service';
import { selectRows } from '../../server/src/db/client';
import { caseEvents, cases, deadlineBreaches, staffAlerts } from '../../server/src/db/schema';
import { DeadlineWorker } from '../../server/src/deadlines/worker';
import { startP1Alerts } from '../../server/src/roster/p1-alerts';
import { addShift } from '../../server/src/roster/service';
import { staffById, type StaffUser } from '../../server/src/staff/auth';
import type { CaseAction } from '../../shared/src/cases/state-machine';
import { application, idWithCheck, loginResident, submit } from '../support/residents';
import { call, createTestContext, FIXED_NOW, type TestContext } from '../support/services';
import { createStaff, staffLogin } from '../support/staff';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let t: TestContext;
let now = FIXED_NOW;
let p1: { stop(): Promise<void> };
let supervisor: StaffUser;
let county: StaffUser; // yt-team: a member of the county team
let onDuty: StaffUser;
let offDuty: StaffUser;
let worker: DeadlineWorker;
let n = 0;

beforeAll(async () => {
  t = await createTestContext({ clock: () => now });
  const db = t.database.db;
  onDuty = (await staffById(db, (await createStaff(db, { username: 'xz-duty', displayName: '小寨队员 甲', role: 'team_member', areaCode: '610113004', teamId: 'team-610113004' })).id))!;
  offDuty = (await staffById(db, (await createStaff(db, { username: 'xz-off', displayName: '小寨队员 乙', role: 'team_member', areaCode: '610113004', teamId: 'team-610113004' })).id))!;
  const all = await db.query.staffUsers.findMany();
  supervisor = (await staffById(db, all.find((s) => s.username === 'yt-supervisor')!.id))!;
  county = (await staffById(db, all.find((s) => s.username === 'yt-team')!.id))!;
  await createStaff(db, { username: 'xa-team', displayName: '西安市队员 丙', role: 'team_member', areaCode: '610100', teamId: 'team-610100' });

  worker = new DeadlineWorker(t);
  p1 = startP1Alerts(t);
});
afterAll(async () => {
  await p1.stop();
  await t.close();
});

/** Days after the fixed instant, so each test has its own stretch of roster. */
const day = (d: number) => new Date(FIXED_NOW.getTime() + d * DAY);
const shift = (who: StaffUser, teamId: string, from: Date, to: Date) => addShift(t, supervisor, { teamId, staffId: who.id, startsAt: from, endsAt: to }, null);

async function newCase(over: Record<string, unknown> = {}) {
  n++;
  const resident = await loginResident(t.app, 'deadline-res'); // tokens expire as the clock moves
  const res = await submit(t.app, resident, `deadline-case-${n}-key`, application({ applicant: { name: '王小明', idNumber: idWithCheck(`6101131980020${100 + n}1`), phone: '13800138000' }, ...over }));
  expect(res.status).toBe(201);
  const [row] = await t.database.db.select().from(cases).where(eq(cases.trackingNo, res.json.trackingNo));
  return row!;
}
const row = async (id: string) => (await t.database.db.select().from(cases).where(eq(cases.id, id)))[0]!;
const alertsOf = (caseId: string, kind?: string) =>
  t.database.db.select().from(staffAlerts).where(and(eq(staffAlerts.caseId, caseId), ...(kind ? [eq(staffAlerts.kind, kind)] : [])));
const breachesOf = (caseId: string) => t.database.db.select().from(deadlineBreaches).where(eq(deadlineBreaches.caseId, caseId));
const eventsOf = (caseId: string, action: string) => t.database.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, action)));
const auditOf = (caseId: string, action: string) => selectRows(t.database.db, sql`select * from audit_log where subject_id = ${caseId} and action = ${action}`);
/** A staff action through the API, logged in at the current clock. */
const act = async (username: string, no: string, action: string, body: Record<string, unknown> = {}) =>
  call(t.app, 'POST', `/api/v1/staff/cases/${no}/actions/${action}`, body, (await staffLogin(t.app, username)).bearer);

async function waitFor<T>(probe: () => Promise<T[]>, atLeast = 1, ms = 3000): Promise<T[]> {
  const until = Date.now() + ms;
  for (;;) {
    const rows = await probe();
    if (rows.length >= atLeast || Date.now() > until) return rows;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('P1 alerts', () => {
  it('alert the members on duty now, and not those off duty or of the county team', async () => {
    now = day(0);
    await shift(onDuty, 'team-610113004', new Date(now.getTime() - HOUR), new Date(now.getTime() + 3 * HOUR));
    await shift(offDuty, 'team-610113004', new Date(now.getTime() + 4 * HOUR), new Date(now.getTime() + 12 * HOUR));
    await shift(county, 'team-610113', new Date(now.getTime() - HOUR), new Date(now.getTime() + 3 * HOUR));
    const c = await newCase();
    expect(c.priority).toBe('P1');
    const alerts = await waitFor(() => alertsOf(c.id));
    expect(alerts.map((a) => a.staffId)).toEqual([onDuty.id]);
    expect(alerts[0]!.message).toContain(c.trackingNo);
    expect(alerts[0]!.message).not.toContain('王小明');
    // The periodic scan finds nothing more to say: the alert is stored once.
    await worker.runOnce();
    expect(await alertsOf(c.id)).toHaveLength(1);
  });

  it('fall back to the county team on duty, then to the area supervisors; the scan catches a missed notification', async () => {
    now = day(2);
    await shift(county, 'team-610113', new Date(now.getTime() - HOUR), new Date(now.getTime() + 2 * HOUR));
    const first = await newCase();
    const toCounty = await waitFor(() => alertsOf(first.id));
    expect(toCounty.map((a) => a.staffId)).toEqual([county.id]);
    expect(toCounty[0]!.message).toContain('代为处理');

    now = new Date(now.getTime() + 3 * HOUR); // nobody on duty anywhere
    await p1.stop(); // the live notification is "missed"
    const second = await newCase();
    await new Promise((r) => setTimeout(r, 100));
    expect(await alertsOf(second.id)).toHaveLength(0);
    const run = await worker.runOnce();
    expect(run.alerts).toBeGreaterThanOrEqual(1);
    const toSupervisors = await alertsOf(second.id);
    expect(toSupervisors.map((a) => a.staffId)).toEqual([supervisor.id]);
    p1 = startP1Alerts(t);
  });
});

describe('deadline watch', () => {
  it('escalates an unclaimed P1 case to the county team 10 minutes after filing, not before', async () => {
    now = day(4);
    const c = await newCase();
    now = new Date(c.createdAt.getTime() + 10 * MIN - 1000);
    await worker.runOnce();
    expect((await row(c.id)).status).toBe('assigned');
    expect(await breachesOf(c.id)).toHaveLength(0);

    now = new Date(c.createdAt.getTime() + 10 * MIN);
    await worker.runOnce();
    const after = await row(c.id);
    expect(after).toMatchObject({ status: 'escalated', teamId: 'team-610113', claimedBy: null });
    expect((await breachesOf(c.id)).map((b) => b.kind)).toEqual(['p1_unclaimed']);
    const [escalation] = await eventsOf(c.id, 'escalate');
    expect(escalation).toMatchObject({ actorKind: 'system', fromStatus: 'assigned', toStatus: 'escalated' });
    expect(escalation!.data).toMatchObject({ teamId: 'team-610113', from: 'team-610113004', breach: 'p1_unclaimed' });
    expect((await alertsOf(c.id, 'deadline_breach')).map((a) => a.staffId)).toContain(supervisor.id);
    expect(await auditOf(c.id, 'deadline.breach')).toHaveLength(1);
    expect(await auditOf(c.id, 'case.escalate')).toHaveLength(1);
    // Its first-contact hour passes later: recorded, but an escalated case is not escalated again.
    now = new Date(c.createdAt.getTime() + 61 * MIN);
    await worker.runOnce();
    expect((await breachesOf(c.id)).map((b) => b.kind).sort()).toEqual(['first_contact', 'p1_unclaimed']);
    expect(await eventsOf(c.id, 'escalate')).toHaveLength(1);
  });

  it('does not escalate a P1 case claimed in time', async () => {
    now = day(5);
    const c = await newCase();
    expect((await act('xz-duty', c.trackingNo, 'claim')).status).toBe(200);
    now = new Date(now.getTime() + 15 * MIN);
    await worker.runOnce();
    expect(await row(c.id)).toMatchObject({ status: 'assigned', claimedBy: onDuty.id });
    expect(await breachesOf(c.id)).toHaveLength(0);
  });

  it('records a missed first contact once and escalates once, run twice or by three workers at once', async () => {
    now = day(6);
    const a = await newCase();
    expect((await act('xz-duty', a.trackingNo, 'claim')).status).toBe(200);
    now = new Date(day(6).getTime() + 30 * MIN);
    const batch = [];
    for (let i = 0; i < 4; i++) {
      const c = await newCase();
      expect((await act('xz-duty', c.trackingNo, 'claim')).status).toBe(200);
      batch.push(c);
    }
    const b = batch[0]!;

    now = new Date(a.createdAt.getTime() + HOUR + MIN); // a is late, b not yet
    await worker.runOnce();
    await worker.runOnce();
    expect((await breachesOf(a.id)).map((x) => x.kind)).toEqual(['first_contact']);
    expect(await eventsOf(a.id, 'escalate')).toHaveLength(1);
    expect(await row(a.id)).toMatchObject({ status: 'escalated', teamId: 'team-610113', claimedBy: null });
    expect(await breachesOf(b.id)).toHaveLength(0);

    now = new Date(b.createdAt.getTime() + HOUR + MIN);
    const workers = [new DeadlineWorker(t), new DeadlineWorker(t), new DeadlineWorker(t)];
    const runs = await Promise.all(workers.map((w) => w.runOnce()));
    expect(runs.reduce((sum, r) => sum + r.escalated, 0)).toBeGreaterThanOrEqual(batch.length);
    for (const c of batch) {
      expect((await breachesOf(c.id)).map((x) => x.kind)).toEqual(['first_contact']);
      expect(await eventsOf(c.id, 'escalate')).toHaveLength(1);
    }
    expect((await breachesOf(b.id)).map((x) => x.kind)).toEqual(['first_contact']);
    expect(await eventsOf(b.id, 'escalate')).toHaveLength(1);
    expect(await auditOf(b.id, 'deadline.breach')).toHaveLength(1);
    expect((await alertsOf(b.id, 'deadline_breach')).filter((x) => x.staffId === supervisor.id)).toHaveLength(1);
    // The member whose claim the escalation cleared is told.
    expect((await alertsOf(b.id, 'deadline_breach')).map((x) => x.staffId)).toContain(onDuty.id);
    await Promise.all(workers.map((w) => w.runOnce()));
    expect(await eventsOf(b.id, 'escalate')).toHaveLength(1);
    expect(await breachesOf(b.id)).toHaveLength(1);
  });

  it('takes back a claim left idle and escalates it; where nobody is above, the claim is only taken back', async () => {
    now = day(8);
    const c = await newCase();
    expect((await act('xz-duty', c.trackingNo, 'claim')).status).toBe(200);
    now = new Date(now.getTime() + 5 * MIN);
    expect((await act('xz-duty', c.trackingNo, 'contact', { note: '已电话联系' })).status).toBe(200);
    const contactedAt = now;

    now = new Date(contactedAt.getTime() + 2 * HOUR - MIN); // P1: idle after 2 hours without an entry
    await worker.runOnce();
    expect(await row(c.id)).toMatchObject({ status: 'contacted', claimedBy: onDuty.id });

    now = new Date(contactedAt.getTime() + 2 * HOUR + MIN);
    const run = await worker.runOnce();
    expect(run.released).toBeGreaterThanOrEqual(1);
    expect(await row(c.id)).toMatchObject({ status: 'escalated', teamId: 'team-610113', claimedBy: null, claimedAt: null });
    const [escalation] = await eventsOf(c.id, 'escalate');
    expect(escalation!.data).toMatchObject({ breach: 'idle_claim', releasedClaimOf: onDuty.id });
    expect((await breachesOf(c.id)).map((b) => b.kind)).toEqual(['idle_claim']);
    const told = (await alertsOf(c.id, 'deadline_breach')).find((a) => a.staffId === onDuty.id);
    expect(told?.message).toContain('已收回您的接单');
    expect(await auditOf(c.id, 'case.release_claim')).toHaveLength(1);

    // A city-level case has no team above it: the idle claim is taken back with an event of its own.
    now = day(9);
    const city = await newCase({ regionCode: '610100' });
    expect(city.teamId).toBe('team-610100');
    expect((await act('xa-team', city.trackingNo, 'claim')).status).toBe(200);
    expect((await act('xa-team', city.trackingNo, 'contact')).status).toBe(200);
    now = new Date(now.getTime() + 2 * HOUR + MIN);
    await worker.runOnce();
    expect(await row(city.id)).toMatchObject({ status: 'contacted', teamId: 'team-610100', claimedBy: null });
    const [release] = await eventsOf(city.id, 'release_claim');
    expect(release).toMatchObject({ actorKind: 'system', visibleToResident: false, fromStatus: 'contacted', toStatus: 'contacted' });
    expect((await breachesOf(city.id)).map((b) => b.kind)).toEqual(['idle_claim']);
    expect(await eventsOf(city.id, 'escalate')).toHaveLength(0);
  });

  it('ignores closed cases', async () => {
    now = day(12);
    const c = await newCase();
    const staff = await t.database.db.query.staffUsers.findMany();
    const member: Actor = { kind: 'team_member', id: onDuty.id };
    const reviewer: Actor = { kind: 'reviewer', id: staff.find((s) => s.role === 'reviewer')!.id };
    const steps: Array<[CaseAction, Actor]> = [['contact', member], ['visit', member], ['send_for_review', member], ['approve', reviewer], ['pay', reviewer], ['close', reviewer]];
    for (const [action, actor] of steps)
      await t.database.db.transaction(async (tx) => {
        const locked = (await lockCaseByTrackingNo(tx, c.trackingNo))!;
        await recordTransition(tx, t.vault, locked, action, actor, now, action === 'approve' ? { set: { approvedAmount: 1000 } } : {});
      });
    const closedEvents = (await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id))).length;
    now = new Date(now.getTime() + 60 * DAY); // past every deadline
    await worker.runOnce();
    expect(await row(c.id)).toMatchObject({ status: 'closed' });
    expect(await breachesOf(c.id)).toHaveLength(0);
    expect((await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id))).length).toBe(closedEvents);
  });
});
