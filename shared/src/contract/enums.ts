/**
 * Closed vocabularies of the public contract (API.md). Other modules import these lists
 * rather than spelling the strings again: the eligibility contract, triage, the case core
 * and the mini-program all share this file.
 */

/** `hardship.type` of an application and of the eligibility check (API.md, RULES.md §8). */
export const hardshipTypes = [
  'fire',
  'traffic_accident',
  'sudden_illness',
  'natural_disaster',
  'crime_victim',
  'accident_other',
  'lost_income',
  'medical_expense',
  'education_expense',
  'stranded',
  'other',
] as const;
export type HardshipType = (typeof hardshipTypes)[number];

/** The emergency (急难型) hardship types of RULES.md §8: pre-rescue applies to them. */
export const emergencyHardshipTypes = [
  'fire',
  'traffic_accident',
  'sudden_illness',
  'natural_disaster',
  'crime_victim',
  'accident_other',
  'stranded',
] as const satisfies readonly HardshipType[];
export type EmergencyHardshipType = (typeof emergencyHardshipTypes)[number];

/** True when the hardship type is one of the emergency (急难型) types. */
export function isEmergencyHardship(type: HardshipType): type is EmergencyHardshipType {
  return (emergencyHardshipTypes as readonly string[]).includes(type);
}

/** Chinese names of the hardship types, for staff lists and the resident's case page. */
export const hardshipTypeLabels: Record<HardshipType, string> = {
  fire: '火灾',
  traffic_accident: '交通事故',
  sudden_illness: '突发重病',
  natural_disaster: '自然灾害',
  crime_victim: '遭受不法侵害',
  accident_other: '其他意外事故',
  lost_income: '失去收入来源',
  medical_expense: '医疗支出过大',
  education_expense: '教育支出过大',
  stranded: '临时遇困（生活无着）',
  other: '其他困难',
};

/** `hardship.urgentNeeds` items (API.md). */
export const urgentNeeds = ['food', 'shelter', 'medical', 'child_care', 'elderly_care', 'safety', 'cash'] as const;
export type UrgentNeed = (typeof urgentNeeds)[number];

/** Chinese names of the urgent needs. */
export const urgentNeedLabels: Record<UrgentNeed, string> = {
  food: '吃饭',
  shelter: '住处',
  medical: '看病',
  child_care: '照看孩子',
  elderly_care: '照料老人',
  safety: '人身安全',
  cash: '急需用钱',
};

/** Case priority: P1 life or safety today, P2 urgent, P3 routine. */
export const priorities = ['P1', 'P2', 'P3'] as const;
export type Priority = (typeof priorities)[number];

/** How an application reached the service. */
export const channels = ['miniprogram', 'hotline', 'team'] as const;
export type Channel = (typeof channels)[number];

/**
 * Case statuses. `awaiting_materials` is ours (not in the list): the resident is
 * asked for more documents and the case waits for them; see cases/state-machine.ts.
 */
export const caseStatuses = [
  'submitted',
  'assigned',
  'contacted',
  'visiting',
  'awaiting_materials',
  'pre_rescue_paid',
  'under_review',
  'approved',
  'rejected',
  'paid',
  'closed',
  'withdrawn',
  'transferred',
  'escalated',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];
