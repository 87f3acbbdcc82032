/**
 * The eligibility wizard's state (what the resident typed, as text) and its mapping to the
 * request of RULES.md §1. Pure: the page only binds and calls these.
 */
import { type EligibilityRequestInput, type HardshipType } from '../lib/shared';
import { validateHousehold } from '../services/eligibility';

export type Relation = 'self' | 'spouse' | 'child' | 'parent' | 'sibling' | 'grandparent' | 'grandchild' | 'other';
export type MemberStatus = 'resident' | 'in_prison' | 'missing' | 'clergy_away';
export type DisabilityKind = 'physical' | 'visual' | 'hearing' | 'speech' | 'intellectual' | 'mental' | 'multiple';
export type Supporters = 'capable' | 'incapable' | 'none';

export interface WizardMember {
  /** Stable key for the list on screen. */
  key: string;
  relation: Relation;
  age: string;
  status: MemberStatus;
  /** '' none, else '1'..'4' (1 most severe). */
  disabilityGrade: string;
  disabilityKind: DisabilityKind | '';
  severeIllness: boolean;
  /** Daily-living activities the person cannot do, '0'..'6'. */
  adlFailures: string;
  supporters: Supporters;
  wages: string;
  business: string;
  property: string;
  transfer: string;
}

export interface WizardState {
  step: number;
  regionCode: string;
  regionName: string;
  residence: 'urban' | 'rural';
  hukou: 'local' | 'residence_permit' | 'other';
  members: WizardMember[];
  financial: string;
  /** '' when the household has no car. */
  carValue: string;
  dwellings: string;
  medical: string;
  education: string;
  hardshipType: HardshipType | '';
  occurredOn: string;
  loss: string;
  monthsWithoutIncome: string;
  unemploymentInsurance: boolean;
  onDibao: boolean;
  dibaoAmount: string;
  incomeRoseFromWork: boolean;
}

export const STEPS = [
  { key: 'home', title: '住在哪里' },
  { key: 'members', title: '家里有谁' },
  { key: 'income', title: '每月收入' },
  { key: 'assets', title: '存款房车' },
  { key: 'hardship', title: '遇到困难' },
] as const;

export const RELATION_OPTIONS: ReadonlyArray<{ value: Relation; label: string }> = [
  { value: 'self', label: '本人' },
  { value: 'spouse', label: '配偶' },
  { value: 'child', label: '子女' },
  { value: 'parent', label: '父母' },
  { value: 'sibling', label: '兄弟姐妹' },
  { value: 'grandparent', label: '祖父母、外祖父母' },
  { value: 'grandchild', label: '孙子女、外孙子女' },
  { value: 'other', label: '其他' },
];

export const STATUS_OPTIONS: ReadonlyArray<{ value: MemberStatus; label: string }> = [
  { value: 'resident', label: '在家一起生活' },
  { value: 'in_prison', label: '正在服刑' },
  { value: 'missing', label: '失踪' },
  { value: 'clergy_away', label: '出家' },
];

export const DISABILITY_GRADE_OPTIONS = [
  { value: '', label: '没有残疾' },
  { value: '1', label: '一级（最重）' },
  { value: '2', label: '二级' },
  { value: '3', label: '三级' },
  { value: '4', label: '四级' },
];

export const DISABILITY_KIND_OPTIONS: ReadonlyArray<{ value: DisabilityKind; label: string }> = [
  { value: 'physical', label: '肢体' },
  { value: 'visual', label: '视力' },
  { value: 'hearing', label: '听力' },
  { value: 'speech', label: '言语' },
  { value: 'intellectual', label: '智力' },
  { value: 'mental', label: '精神' },
  { value: 'multiple', label: '多重' },
];

export const SUPPORTER_OPTIONS: ReadonlyArray<{ value: Supporters; label: string }> = [
  { value: 'capable', label: '有，能照顾' },
  { value: 'incapable', label: '有，但没能力照顾' },
  { value: 'none', label: '没有' },
];

let memberCount = 0;

export function newMember(relation: Relation = 'self'): WizardMember {
  return {
    key: `m${Date.now().toString(36)}${(memberCount++).toString(36)}`,
    relation,
    age: '',
    status: 'resident',
    disabilityGrade: '',
    disabilityKind: '',
    severeIllness: false,
    adlFailures: '0',
    supporters: 'capable',
    wages: '',
    business: '',
    property: '',
    transfer: '',
  };
}

export function newWizard(region?: { code: string; name: string }): WizardState {
  return {
    step: 0,
    regionCode: region?.code ?? '',
    regionName: region?.name ?? '',
    residence: 'urban',
    hukou: 'local',
    members: [newMember('self')],
    financial: '',
    carValue: '',
    dwellings: '1',
    medical: '',
    education: '',
    hardshipType: '',
    occurredOn: '',
    loss: '',
    monthsWithoutIncome: '',
    unemploymentInsurance: false,
    onDibao: false,
    dibaoAmount: '',
    incomeRoseFromWork: false,
  };
}

/** '' → undefined (the schema's default applies); anything else → a number (NaN is refused). */
function num(text: string): number | undefined {
  const t = String(text ?? '').trim();
  return t === '' ? undefined : Number(t);
}

function defined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const EMERGENCY: readonly string[] = ['fire', 'traffic_accident', 'sudden_illness', 'natural_disaster', 'crime_victim', 'accident_other', 'stranded'];

/** The household as RULES.md §1 asks for it. */
export function toEligibilityInput(state: WizardState): EligibilityRequestInput {
  const car = num(state.carValue);
  const hardship: EligibilityRequestInput['hardship'] = state.hardshipType
    ? (defined({
        type: state.hardshipType,
        occurredOn: state.occurredOn || undefined,
        loss: EMERGENCY.includes(state.hardshipType) ? num(state.loss) : undefined,
        monthsWithoutIncome: state.hardshipType === 'lost_income' ? num(state.monthsWithoutIncome) : undefined,
        unemploymentInsurance: state.hardshipType === 'lost_income' ? state.unemploymentInsurance : undefined,
      }) as NonNullable<EligibilityRequestInput['hardship']>)
    : undefined;
  return {
    regionCode: state.regionCode,
    residence: state.residence,
    hukou: state.hukou,
    members: state.members.map((m) => ({
      relation: m.relation,
      age: num(m.age) as number,
      status: m.status,
      ...(m.disabilityGrade ? { disability: { grade: Number(m.disabilityGrade), kind: (m.disabilityKind || undefined) as DisabilityKind } } : {}),
      severeIllness: m.severeIllness,
      adlFailures: num(m.adlFailures) ?? 0,
      supporters: m.supporters,
      income: defined({ wages: num(m.wages), business: num(m.business), property: num(m.property), transfer: num(m.transfer) }),
    })),
    assets: defined({
      financial: num(state.financial),
      vehicles: car !== undefined && car > 0 ? [{ kind: 'car' as const, value: car }] : car === undefined ? undefined : [],
      dwellings: num(state.dwellings),
    }),
    expenses: defined({ medical: num(state.medical), education: num(state.education) }),
    ...(hardship ? { hardship } : {}),
    ...(state.onDibao ? { currentRecipient: { program: 'dibao' as const, monthlyAmount: num(state.dibaoAmount) as number, incomeRoseFromWork: state.incomeRoseFromWork } } : {}),
  };
}

/** The step on which the field named by a dotted path is asked. */
export function stepOfPath(path: string): number {
  if (/^members\.\d+\.income/.test(path)) return 2;
  if (path.startsWith('members')) return 1;
  if (path.startsWith('assets') || path.startsWith('expenses')) return 3;
  if (path.startsWith('hardship') || path.startsWith('currentRecipient')) return 4;
  return 0;
}

/**
 * Plain messages for what the resident left blank, before the schema's own checks (whose
 * wording for a missing number is "应为整数").
 */
export function blankFields(state: WizardState): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!state.regionCode) fields.regionCode = '请先选择您住在哪里';
  state.members.forEach((m, i) => {
    if (String(m.age).trim() === '') fields[`members.${i}.age`] = '请填写年龄';
    if (m.disabilityGrade && !m.disabilityKind) fields[`members.${i}.disability.kind`] = '请选择残疾类别';
  });
  if (state.onDibao && String(state.dibaoAmount).trim() === '') fields['currentRecipient.monthlyAmount'] = '请填写现在每月领的低保金';
  return fields;
}

/** Only the messages that belong to one step. */
export function fieldsOfStep(fields: Record<string, string>, step: number): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([path]) => stepOfPath(path) === step));
}

/** Every problem of the household: the shared schema's, with plainer words for blanks. */
export function wizardErrors(state: WizardState): Record<string, string> {
  const checked = validateHousehold(toEligibilityInput(state));
  return { ...(checked.ok ? {} : checked.fields), ...blankFields(state) };
}
