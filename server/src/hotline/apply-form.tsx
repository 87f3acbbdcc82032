/**
 * The desk's application form: the fields of API.md's application with Chinese labels, the
 * consent text the operator reads aloud, errors beside their fields, entered values kept.
 * Field names are the contract's dotted paths, so a validation error's `path` names its field.
 */
import type { FC } from 'hono/jsx';
import { hardshipTypeLabels, hardshipTypes, urgentNeedLabels, urgentNeeds } from '../../../shared/src/contract/enums';
import type { FieldError } from '../../../shared/src/errors';
import type { RegionInfo } from '../regions/service';
import { Csrf } from '../web/layout';

export type FormValues = Record<string, string | string[]>;
type RawForm = Record<string, string | File | Array<string | File>>;

/** Text read to the caller before the two consent boxes are ticked. */
export const consentText = {
  privacy:
    '您提供的姓名、身份证号、电话、住址和困难情况，只用于办理这次救助申请，只有民政部门和快速响应服务队的工作人员能看到，我们依法保密。您同意吗？',
  verification:
    '为了核实您家的经济状况，需要您授权民政部门依法查询核对您和共同生活的家庭成员的收入、财产等信息。您同意吗？',
};

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
/** Empty → absent; a number when it reads as one; else the text itself (so zod names it "应为数字"). */
const num = (v: string) => (v.trim() === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : v);
const ticked = (v: string) => v === 'on' || v === 'true' || v === '1';

const FIELDS = [
  'applicant.name', 'applicant.idNumber', 'applicant.phone', 'regionCode', 'address', 'nonLocal', 'hardship.type', 'hardship.occurredOn',
  'hardship.description', 'hardship.amountRequested', 'household.size', 'household.monthlyIncome', 'consent.privacy', 'consent.verification',
] as const;

/** Reads the posted form (parsed with `all: true`) into the application body and the values to show again. */
export function applicationFromForm(form: RawForm): { body: unknown; values: FormValues; idempotencyKey: string } {
  const values: FormValues = {};
  for (const f of FIELDS) values[f] = str(form[f]);
  values['hardship.urgentNeeds'] = list(form['hardship.urgentNeeds']);
  const v = (k: (typeof FIELDS)[number]) => values[k] as string;
  const body = {
    applicant: { name: v('applicant.name'), idNumber: v('applicant.idNumber'), phone: v('applicant.phone') },
    regionCode: v('regionCode'),
    address: v('address'),
    nonLocal: ticked(v('nonLocal')),
    hardship: {
      type: v('hardship.type') || undefined,
      occurredOn: v('hardship.occurredOn'),
      description: v('hardship.description'),
      urgentNeeds: values['hardship.urgentNeeds'],
      amountRequested: num(v('hardship.amountRequested')),
    },
    household: { size: num(v('household.size')), monthlyIncome: num(v('household.monthlyIncome')) },
    consent: { privacy: ticked(v('consent.privacy')), verification: ticked(v('consent.verification')) },
  };
  return { body, values, idempotencyKey: str(form.idempotencyKey) };
}

/** Field errors by path (first message of each); errors on no known field go to `other`. */
export function errorsByField(errors: FieldError[] | undefined): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const e of errors ?? []) {
    const path = e.path.startsWith('hardship.urgentNeeds') ? 'hardship.urgentNeeds' : e.path;
    if ((FIELDS as readonly string[]).includes(path) || path === 'hardship.urgentNeeds') byField[path] ??= e.message;
    else other.push(e.message);
  }
  return { byField, other };
}

const idOf = (name: string) => `f-${name.replace('.', '-')}`;

const Err: FC<{ name: string; errors: Record<string, string> }> = ({ name, errors }) =>
  errors[name] ? (
    <p id={`${idOf(name)}-error`} class="field-error" role="alert" style="color:#b00020;font-weight:600;margin:.2rem 0">
      {errors[name]}
    </p>
  ) : null;

const Text: FC<{ name: string; label: string; values: FormValues; errors: Record<string, string>; type?: string; hint?: string; inputmode?: 'numeric' | 'tel' }> = (p) => (
  <>
    <label for={idOf(p.name)}>{p.label}</label>
    {p.hint && <div class="muted">{p.hint}</div>}
    <input
      id={idOf(p.name)}
      name={p.name}
      type={p.type ?? 'text'}
      inputmode={p.inputmode}
      value={str(p.values[p.name])}
      aria-invalid={p.errors[p.name] ? 'true' : undefined}
      aria-describedby={p.errors[p.name] ? `${idOf(p.name)}-error` : undefined}
    />
    <Err name={p.name} errors={p.errors} />
  </>
);

export interface ApplyFormProps {
  values: FormValues;
  errors: Record<string, string>;
  idempotencyKey: string;
  csrfToken: string | undefined;
  regions: RegionInfo[];
  today: string;
}

/** The form itself (the page frame is the caller's). */
export const ApplyForm: FC<ApplyFormProps> = ({ values, errors, idempotencyKey, csrfToken, regions, today }) => {
  const needs = list(values['hardship.urgentNeeds']);
  return (
    <form method="post" action="/staff/desk/apply" novalidate>
      <Csrf token={csrfToken} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <section class="card" aria-label="来电人信息">
        <h2 style="font-size:1.1rem;margin-top:0">来电人（申请人）</h2>
        <Text name="applicant.name" label="姓名" values={values} errors={errors} />
        <Text name="applicant.idNumber" label="身份证号码" values={values} errors={errors} hint="18位，最后一位可能是X" />
        <Text name="applicant.phone" label="手机号码" values={values} errors={errors} type="tel" inputmode="numeric" />
        <label for={idOf('regionCode')}>困难发生地（所在街道）</label>
        <select id={idOf('regionCode')} name="regionCode" aria-invalid={errors.regionCode ? 'true' : undefined}>
          <option value="">请选择</option>
          {regions.map((r) => (
            <option value={r.code} selected={values.regionCode === r.code}>
              {r.level === 'township' ? r.name : `${r.name}（不清楚街道时选）`}
            </option>
          ))}
        </select>
        <Err name="regionCode" errors={errors} />
        <Text name="address" label="现在住址" values={values} errors={errors} />
        <label>
          <input type="checkbox" name="nonLocal" style="width:auto" checked={ticked(str(values.nonLocal))} /> 外地户籍
        </label>
      </section>
      <section class="card" aria-label="困难情况">
        <h2 style="font-size:1.1rem;margin-top:0">困难情况</h2>
        <label for={idOf('hardship.type')}>困难类型</label>
        <select id={idOf('hardship.type')} name="hardship.type" aria-invalid={errors['hardship.type'] ? 'true' : undefined}>
          <option value="">请选择</option>
          {hardshipTypes.map((t) => (
            <option value={t} selected={values['hardship.type'] === t}>{hardshipTypeLabels[t]}</option>
          ))}
        </select>
        <Err name="hardship.type" errors={errors} />
        <Text name="hardship.occurredOn" label="发生日期" type="date" values={{ ...values, 'hardship.occurredOn': str(values['hardship.occurredOn']) || today }} errors={errors} />
        <label for={idOf('hardship.description')}>情况说明</label>
        <textarea id={idOf('hardship.description')} name="hardship.description" rows={3}>{str(values['hardship.description'])}</textarea>
        <Err name="hardship.description" errors={errors} />
        <fieldset style="border:0;padding:0;margin:.5rem 0">
          <legend style="font-weight:600">急需帮助（可多选）</legend>
          {urgentNeeds.map((n) => (
            <label style="display:inline-block;font-weight:400;margin-right:1rem">
              <input type="checkbox" name="hardship.urgentNeeds" value={n} style="width:auto" checked={needs.includes(n)} /> {urgentNeedLabels[n]}
            </label>
          ))}
        </fieldset>
        <Err name="hardship.urgentNeeds" errors={errors} />
        <Text name="hardship.amountRequested" label="申请金额（元，可不填）" type="number" inputmode="numeric" values={values} errors={errors} />
      </section>
      <section class="card" aria-label="家庭情况">
        <h2 style="font-size:1.1rem;margin-top:0">家庭情况</h2>
        <Text name="household.size" label="家庭人口（人）" type="number" inputmode="numeric" values={values} errors={errors} />
        <Text name="household.monthlyIncome" label="家庭月收入（元，可不填）" type="number" inputmode="numeric" values={values} errors={errors} />
      </section>
      <section class="card" aria-label="同意事项">
        <h2 style="font-size:1.1rem;margin-top:0">请向来电人宣读，对方同意后勾选</h2>
        <p>{consentText.privacy}</p>
        <label style="font-weight:400">
          <input type="checkbox" name="consent.privacy" style="width:auto" checked={ticked(str(values['consent.privacy']))} /> 已宣读，来电人同意个人信息使用说明
        </label>
        <Err name="consent.privacy" errors={errors} />
        <p>{consentText.verification}</p>
        <label style="font-weight:400">
          <input type="checkbox" name="consent.verification" style="width:auto" checked={ticked(str(values['consent.verification']))} /> 已宣读，来电人授权核对家庭经济状况
        </label>
        <Err name="consent.verification" errors={errors} />
      </section>
      <p>
        <button type="submit">提交申请</button> <a href="/staff/desk">返回工作台</a>
      </p>
    </form>
  );
};
