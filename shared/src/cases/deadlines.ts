/**
 * Due times of a temporary-assistance case (RULES.md §10). All limits are measured from the
 * moment the case was filed (`createdAt`); working days use the holiday calendar.
 *
 * Decisions where RULES.md is silent:
 * - pre-rescue (先行救助) is due for the emergency (急难型) hardship types and also for any P1
 *   case, whatever its type: a household with no food or no shelter tonight is an emergency
 *   even when the resident picked `other`.
 * - the 15-working-day decision limit (ordinary procedure) applies to every case; on the
 *   emergency path it is the limit for the review decision after the pre-rescue paperwork.
 */
import { addHours, addWorkingDays, cnCalendar, type WorkingCalendar } from '../calendar/working-days';
import { isEmergencyHardship, type HardshipType, type Priority } from '../contract/enums';

/** Service promise for the team's first contact (hours for P1/P2, working days for P3). */
export const firstContactLimit = {
  P1: { hours: 1 },
  P2: { hours: 24 },
  P3: { workingDays: 3 },
} as const satisfies Record<Priority, { hours: number } | { workingDays: number }>;

/** Pre-rescue paid the same day, at the latest 24 hours after filing. */
export const PRE_RESCUE_HOURS = 24;
/** Paperwork completed within 5 working days after the pre-rescue payment. */
export const PAPERWORK_WORKING_DAYS = 5;
/** Ordinary procedure: a decision within 15 working days. */
export const DECISION_WORKING_DAYS = 15;

export interface DueTimesInput {
  priority: Priority;
  hardshipType: HardshipType;
  createdAt: Date;
  /** When the pre-rescue was paid, once it has been: adds `paperworkDue`. */
  preRescuePaidAt?: Date;
  calendar?: WorkingCalendar;
}

export interface DueTimes {
  firstContactDue: Date;
  preRescueDue?: Date;
  paperworkDue?: Date;
  decisionDue: Date;
}

/** The first-contact deadline for a priority. */
export function firstContactDue(priority: Priority, createdAt: Date, calendar: WorkingCalendar = cnCalendar): Date {
  const limit = firstContactLimit[priority];
  return 'hours' in limit ? addHours(createdAt, limit.hours) : addWorkingDays(createdAt, limit.workingDays, calendar);
}

/** True when the case should get a pre-rescue payment (emergency type, or P1). */
export function needsPreRescue(priority: Priority, hardshipType: HardshipType): boolean {
  return priority === 'P1' || isEmergencyHardship(hardshipType);
}

/** The paperwork deadline: 5 working days after the pre-rescue was paid. */
export function paperworkDueAfter(preRescuePaidAt: Date, calendar: WorkingCalendar = cnCalendar): Date {
  return addWorkingDays(preRescuePaidAt, PAPERWORK_WORKING_DAYS, calendar);
}

/** All due times of a case per RULES.md §10. */
export function computeDueTimes(input: DueTimesInput): DueTimes {
  const calendar = input.calendar ?? cnCalendar;
  const due: DueTimes = {
    firstContactDue: firstContactDue(input.priority, input.createdAt, calendar),
    decisionDue: addWorkingDays(input.createdAt, DECISION_WORKING_DAYS, calendar),
  };
  if (needsPreRescue(input.priority, input.hardshipType)) due.preRescueDue = addHours(input.createdAt, PRE_RESCUE_HOURS);
  if (input.preRescuePaidAt) due.paperworkDue = paperworkDueAfter(input.preRescuePaidAt, calendar);
  return due;
}
