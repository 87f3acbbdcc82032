/**
 * Reply templates of the hotline desk: short Chinese texts an operator reads aloud or sends by
 * SMS, with `{{variable}}` placeholders filled from the selected case and its region. Data,
 * not code: add a template by adding an entry. A variable with no value renders as a visible
 * 【待补：…】 marker, so an operator never reads out "undefined" or an empty gap.
 */

/** The variables templates may use. */
export const templateVariables = ['trackingNo', 'status', 'amount', 'team', 'teamPhone', 'office', 'hotline'] as const;
export type TemplateVariable = (typeof templateVariables)[number];

/** Chinese names of the variables, shown inside the marker when a value is missing. */
export const variableLabels: Record<TemplateVariable, string> = {
  trackingNo: '受理编号',
  status: '办理状态',
  amount: '金额',
  team: '服务队',
  teamPhone: '服务队电话',
  office: '办事地点',
  hotline: '热线电话',
};

export type TemplateVars = Partial<Record<TemplateVariable, string | number | null | undefined>>;

export interface ReplyTemplate {
  id: string;
  title: string;
  /** `sms`: sent as a text message; `phone`: read aloud on the call. */
  channel: 'sms' | 'phone';
  text: string;
}

/** The desk's reply templates. */
export const replyTemplates: readonly ReplyTemplate[] = [
  {
    id: 'accepted',
    title: '受理回复',
    channel: 'sms',
    text: '【e救助】您的临时救助申请已受理，受理编号{{trackingNo}}，由{{team}}办理，工作人员会尽快与您联系。有急事请拨打{{teamPhone}}或{{hotline}}。',
  },
  {
    id: 'progress',
    title: '进度回复',
    channel: 'phone',
    text: '您好，您的申请（编号{{trackingNo}}）现在的办理状态是“{{status}}”，由{{team}}负责，联系电话{{teamPhone}}。有新进展会通知您。',
  },
  {
    id: 'materials',
    title: '材料补充提醒',
    channel: 'sms',
    text: '【e救助】您的申请（编号{{trackingNo}}）需要补充材料，请在小程序里拍照上传，或带上身份证到{{office}}提交。咨询电话{{teamPhone}}。',
  },
  {
    id: 'pre_rescue',
    title: '先行救助告知',
    channel: 'phone',
    text: '您好，考虑到您家情况紧急，{{team}}为您办理先行救助{{amount}}元，请在5个工作日内配合补齐手续。编号{{trackingNo}}，咨询电话{{teamPhone}}。',
  },
  {
    id: 'approved',
    title: '审批结果告知',
    channel: 'sms',
    text: '【e救助】您的申请（编号{{trackingNo}}）已审核通过，救助金{{amount}}元会尽快发放。如有疑问请拨打{{hotline}}。',
  },
  {
    id: 'referral',
    title: '转当地办理',
    channel: 'phone',
    text: '您反映的情况需要当地办理，请到{{office}}申请，或拨打{{hotline}}，工作人员会帮您办理。',
  },
];

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

const labelOf = (name: string) => (variableLabels as Record<string, string>)[name] ?? name;

/** The value to print, or undefined when the variable counts as missing (absent, empty, NaN). */
function valueOf(vars: TemplateVars, name: string): string | undefined {
  const v = (vars as Record<string, unknown>)[name];
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'string') return v.trim() ? v : undefined;
  return undefined;
}

/** Fills `{{variable}}` placeholders; a missing value becomes a visible 【待补：名称】 marker. Pure. */
export function fillTemplate(template: string | ReplyTemplate, vars: TemplateVars): string {
  const text = typeof template === 'string' ? template : template.text;
  return text.replace(PLACEHOLDER, (_, name: string) => valueOf(vars, name) ?? `【待补：${labelOf(name)}】`);
}

/** The variables a template uses that have no value in `vars`, in order of first use. */
export function missingVariables(template: string | ReplyTemplate, vars: TemplateVars): string[] {
  const text = typeof template === 'string' ? template : template.text;
  const out = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) if (valueOf(vars, m[1]!) === undefined) out.add(m[1]!);
  return [...out];
}
