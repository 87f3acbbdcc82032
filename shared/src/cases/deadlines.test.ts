import { describe, expect, it } from 'vitest';
import type { HardshipType, Priority } from '../contract/enums';
import { computeDueTimes, firstContactDue, needsPreRescue, paperworkDueAfter } from './deadlines';

const at = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date | undefined) => d?.toISOString();

describe('computeDueTimes', () => {
  it.each<[Priority, HardshipType, string, string, string | undefined, string]>([
    // priority, type, filed, first contact, pre-rescue, decision (15 working days). The Saturday
    // filing counts from Monday 00:00; the February one crosses Spring Festival and two worked Saturdays.
    ['P1', 'fire', '2026-11-23T10:00:00', '2026-11-23T11:00:00', '2026-11-24T10:00:00', '2026-12-14T10:00:00'],
    ['P1', 'other', '2026-11-21T22:30:00', '2026-11-21T23:30:00', '2026-11-22T22:30:00', '2026-12-14T00:00:00'],
    ['P2', 'sudden_illness', '2026-11-23T10:00:00', '2026-11-24T10:00:00', '2026-11-24T10:00:00', '2026-12-14T10:00:00'],
    ['P2', 'lost_income', '2026-11-23T10:00:00', '2026-11-24T10:00:00', undefined, '2026-12-14T10:00:00'],
    ['P3', 'education_expense', '2026-09-30T16:00:00', '2026-10-10T16:00:00', undefined, '2026-10-27T16:00:00'],
    ['P3', 'stranded', '2026-02-13T09:00:00', '2026-02-25T09:00:00', '2026-02-14T09:00:00', '2026-03-12T09:00:00'],
  ])('%s %s filed %s', (priority, hardshipType, filed, contact, preRescue, decision) => {
    const due = computeDueTimes({ priority, hardshipType, createdAt: at(filed) });
    expect(iso(due.firstContactDue)).toBe(iso(at(contact)));
    expect(iso(due.preRescueDue)).toBe(preRescue ? iso(at(preRescue)) : undefined);
    expect(due.paperworkDue).toBeUndefined();
    expect(iso(due.decisionDue)).toBe(iso(at(decision)));
  });

  it('adds the paperwork deadline, 5 working days after the pre-rescue was paid', () => {
    const due = computeDueTimes({ priority: 'P1', hardshipType: 'fire', createdAt: at('2026-12-30T09:00:00'), preRescuePaidAt: at('2026-12-31T18:00:00') });
    expect(iso(due.paperworkDue)).toBe(iso(at('2027-01-08T18:00:00')));
  });
});

describe('deadline parts', () => {
  it('gives first contact by priority: 1 hour, 24 hours, 3 working days', () => {
    const filed = at('2026-11-20T17:00:00'); // a Friday
    expect(iso(firstContactDue('P1', filed))).toBe(iso(at('2026-11-20T18:00:00')));
    expect(iso(firstContactDue('P2', filed))).toBe(iso(at('2026-11-21T17:00:00')));
    expect(iso(firstContactDue('P3', filed))).toBe(iso(at('2026-11-25T17:00:00')));
  });

  it('wants pre-rescue for the emergency types and for any P1 case', () => {
    expect(needsPreRescue('P3', 'traffic_accident')).toBe(true);
    expect(needsPreRescue('P1', 'other')).toBe(true);
    expect(needsPreRescue('P2', 'medical_expense')).toBe(false);
  });

  it('counts paperwork over the Spring Festival holiday', () => {
    expect(iso(paperworkDueAfter(at('2026-02-12T11:00:00')))).toBe(iso(at('2026-02-26T11:00:00')));
  });
});
