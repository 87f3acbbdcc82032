/**
 * The application draft on the phone. Every change is saved at once, so a closed app, a dead
 * battery or a lost signal never loses what was typed. The draft carries the Idempotency-Key
 * of its submission: every retry of the same draft sends the same key, so a lost answer never
 * makes a second case. The key goes away only with the draft (after a 201, or when the
 * resident starts over).
 */
import { createApplicationRequestSchema, type ApplicationRequest, type ApplicationRequestInput, type HardshipType, type UrgentNeed } from '../lib/shared';
import { KEYS, load, remove, save } from './storage';

export interface ApplicationForm {
  name: string;
  idNumber: string;
  phone: string;
  regionCode: string;
  regionName: string;
  address: string;
  nonLocal: boolean;
  hardshipType: HardshipType | '';
  occurredOn: string;
  description: string;
  urgentNeeds: UrgentNeed[];
  /** Typed text; '' when not given. */
  amountRequested: string;
  householdSize: number;
  monthlyIncome: string;
  consentPrivacy: boolean;
  consentVerification: boolean;
}

export interface DraftPhoto {
  /** A saved file on the phone (survives restarts), or a temp path. */
  path: string;
  size: number;
}

export interface Draft {
  version: 1;
  form: ApplicationForm;
  photos: DraftPhoto[];
  idempotencyKey: string;
  createdAt: string;
  updatedAt: string;
  /** Submissions sent for this draft; > 0 means the server may have it already. */
  attempts: number;
  lastAttemptAt: string | null;
}

export const EMPTY_FORM: ApplicationForm = {
  name: '',
  idNumber: '',
  phone: '',
  regionCode: '',
  regionName: '',
  address: '',
  nonLocal: false,
  hardshipType: '',
  occurredOn: '',
  description: '',
  urgentNeeds: [],
  amountRequested: '',
  householdSize: 1,
  monthlyIncome: '',
  consentPrivacy: false,
  consentVerification: false,
};

/** A key the server accepts (8–128 of [A-Za-z0-9_.:-]) and unique enough per phone. */
export function makeIdempotencyKey(now: number = Date.now(), random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 16; i++) tail += Math.floor(random() * 36).toString(36);
  return `mp-${now.toString(36)}-${tail}`;
}

/** The draft on the phone, or null. */
export function loadDraft(): Draft | null {
  const draft = load<Draft | null>(KEYS.applicationDraft, null);
  if (!draft || draft.version !== 1 || typeof draft.idempotencyKey !== 'string' || !draft.form) return null;
  return { ...draft, form: { ...EMPTY_FORM, ...draft.form }, photos: Array.isArray(draft.photos) ? draft.photos : [] };
}

/** A new draft with a new key; `prefill` fills known fields (region, phone …). */
export function newDraft(prefill: Partial<ApplicationForm> = {}, now: Date = new Date()): Draft {
  return {
    version: 1,
    form: { ...EMPTY_FORM, ...prefill },
    photos: [],
    idempotencyKey: makeIdempotencyKey(now.getTime()),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    attempts: 0,
    lastAttemptAt: null,
  };
}

/** Stores the draft; returns it with `updatedAt` set. The key is never changed here. */
export function saveDraft(draft: Draft, now: Date = new Date()): Draft {
  const next = { ...draft, updatedAt: now.toISOString() };
  save(KEYS.applicationDraft, next);
  return next;
}

/** Notes that a submission is about to be sent (kept before sending, in case the app dies). */
export function markAttempt(draft: Draft, now: Date = new Date()): Draft {
  return saveDraft({ ...draft, attempts: draft.attempts + 1, lastAttemptAt: now.toISOString() }, now);
}

export function clearDraft(): void {
  remove(KEYS.applicationDraft);
}

const trimmed = (s: string) => s.trim();
const numberOrUndefined = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));

/** The request body API.md asks for, from the form as typed. */
export function toApplicationInput(form: ApplicationForm): ApplicationRequestInput {
  const amountRequested = numberOrUndefined(form.amountRequested);
  const monthlyIncome = numberOrUndefined(form.monthlyIncome);
  return {
    applicant: { name: trimmed(form.name), idNumber: trimmed(form.idNumber), phone: trimmed(form.phone) },
    regionCode: form.regionCode,
    address: trimmed(form.address),
    nonLocal: form.nonLocal,
    hardship: {
      type: (form.hardshipType || undefined) as HardshipType,
      occurredOn: form.occurredOn,
      description: trimmed(form.description),
      urgentNeeds: [...form.urgentNeeds],
      ...(amountRequested === undefined ? {} : { amountRequested }),
    },
    household: { size: form.householdSize, ...(monthlyIncome === undefined ? {} : { monthlyIncome }) },
    // false is sent as typed: the schema refuses it with the sentence the resident needs.
    consent: { privacy: form.consentPrivacy as true, verification: form.consentVerification as true },
  };
}

export type FormCheck = { ok: true; body: ApplicationRequest } | { ok: false; fields: Record<string, string> };

/** Checks the form with the server's schema (today's date refuses future dates). */
export function checkForm(form: ApplicationForm, today: string): FormCheck {
  const parsed = createApplicationRequestSchema({ today }).safeParse(toApplicationInput(form));
  if (parsed.success) return { ok: true, body: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    if (!(path in fields)) fields[path] = issue.message;
  }
  return { ok: false, fields: { ...fields, ...blankFields(form, fields) } };
}

/** Plainer words for what was left blank than the schema's format messages. */
function blankFields(form: ApplicationForm, fields: Record<string, string>): Record<string, string> {
  const blank: Record<string, string> = {};
  const empty = (s: string) => s.trim() === '';
  if ('applicant.idNumber' in fields && empty(form.idNumber)) blank['applicant.idNumber'] = '请填写身份证号码';
  if ('applicant.phone' in fields && empty(form.phone)) blank['applicant.phone'] = '请填写手机号码，工作人员会打这个电话';
  if ('regionCode' in fields && empty(form.regionCode)) blank.regionCode = '请选择所在地区';
  if ('hardship.occurredOn' in fields && empty(form.occurredOn)) blank['hardship.occurredOn'] = '请选择困难发生的日期';
  return blank;
}
