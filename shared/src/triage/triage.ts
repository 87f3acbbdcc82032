/**
 * Deterministic triage of a temporary-assistance application: P1 (danger to life or safety
 * today), P2 (urgent), P3 (routine), with every reason that applies, in Chinese for staff.
 * The rules lean to over-triage: a real P1 must never come out lower. Each reason carries
 * the priority it implies; the case gets the highest.
 *
 * P1: crisis words (crisis/lexicon.ts); food, shelter or safety ticked as an urgent need,
 * unless the text shows it can wait; child or elderly care needed after a sudden event;
 * stranded without money. P2: a recent emergency, illness or hospital, big medical bills,
 * no income, a breadwinner gone, a home about to be lost, any other ticked need. Else P3.
 */
import { crisisCategoryLabels, detectCrisis, normalizeForMatching, type CrisisCategory, type CrisisResult } from '../crisis/lexicon';
import { daysBetween, shanghaiDate } from '../dates';
import { hardshipTypeLabels, isEmergencyHardship, type HardshipType, type Priority, type UrgentNeed } from '../contract/enums';

/** Days after the event during which an emergency still counts as "happening now". */
export const ACUTE_DAYS = 7;
/** Days after the event during which an emergency type makes a case urgent (P2). */
export const RECENT_DAYS = 90;
/** Medical costs from this amount (yuan) make a case urgent. */
export const BIG_MEDICAL_COST_YUAN = 20_000;

export interface TriageInput {
  hardshipType: HardshipType;
  urgentNeeds: readonly UrgentNeed[];
  description: string;
  occurredOn?: string;
  household?: { size?: number; monthlyIncome?: number };
  nonLocal?: boolean;
}

export type TriageCode =
  | `CRISIS_${Uppercase<CrisisCategory>}`
  | 'NEED_SHELTER_TONIGHT' | 'NEED_FOOD_NOW' | 'NEED_SAFETY_NOW' | 'NEED_CARE_NOW' | 'STRANDED_NO_MONEY'
  | 'RECENT_EMERGENCY' | 'MEDICAL' | 'MEDICAL_COST' | 'LOST_INCOME' | 'LOST_BREADWINNER' | 'NO_INCOME' | 'HOUSING_AT_RISK'
  | 'NEED_SHELTER' | 'NEED_FOOD' | 'NEED_SAFETY' | 'NEED_CARE'
  | 'EVENT_NOT_RECENT' | 'ROUTINE';

export interface TriageReason {
  code: TriageCode;
  message: string;
  priority: Priority;
}

export interface TriageResult {
  priority: Priority;
  reasons: TriageReason[];
  /** The crisis words found, for the hotline prompt and the chat assistant. */
  crisis: CrisisResult;
}

// Cues read from the normalised description (no spaces or punctuation).
const PAST = /去年|前年|上个?月|上上个?月|上半年|年初|前几年|前些年|那年|当年|[几两三四五六七八九十半]个多?月(前|以前)|[一两三四五六七八九十几多半]年(前|以前)/;
/** An emergency named in the text when the resident picked another type. */
const EVENT = /车祸|被车撞|撞伤|着火|失火|火灾|起火|洪水|暴雨|地震|泥石流|台风|冰雹|山洪|塌方|事故|工伤|摔伤|烫伤|烧伤|被盗|被骗|被抢/;
const TODAY = /今晚|今天|今夜|今早|今晨|当晚|昨晚|昨天|昨夜|刚才|刚刚|凌晨|此刻|眼下/;
const NO_MONEY = /一分钱(都|也)?没|没有一分钱|身无分文|分文没有|分文全无|身上没钱|钱包(被偷|丢|被抢)|钱被偷|钱被骗|钱都被/;
const NO_INCOME = /没有?(别的|其他|其它|任何|一点)?(收入|经济来源|生活来源)|无(任何)?(收入|经济来源|生活来源)|零收入|失去收入|断了收入|没了收入|失业|下岗|被辞退|被裁|丢了工作|工作丢了|没了工作|没有工作|没工作|找不到工作|没找到工作|没活干|没活儿干|打不了工|干不了活|没法干活|不能干活|无法工作|不能工作|拖欠[\s\S]{0,4}工资|工资被拖欠|发不出工资|欠薪|讨薪/;
const SERIOUS_ILLNESS = /癌|肿瘤|白血病|化疗|放疗|透析|尿毒症|肾衰|心梗|心肌梗|脑梗|脑出血|脑溢血|中风|瘫痪|重病|大病|重症|icu|监护室|器官移植|骨折|烧伤|截肢|病危|肝硬化|心衰|渐冻|罕见病|精神分裂|植物人/;
const IN_HOSPITAL = /住院|急诊|进医院|送医院|在医院|进了医院|抢救|icu|监护室|要做手术|需要手术|等着手术|马上手术|准备手术|手术费/;
/** The need can wait: a date ahead, some food left, a repair rather than a roof tonight. */
const CAN_WAIT = /月底|下个?月|下周|下星期|过几天|快要|快没|快吃完|快交不上|只够|还够|够吃|紧巴巴|比较紧张|危房|漏得|漏雨|漏水|修房|到期|不续租|想租|租个|租房|找房|借住|暂住|寄住|安置点/;
/** Somewhere to stay for now: a shelter need is then not for tonight. */
const SHELTERED = /借住|暂住|寄住|(住在|住到|住进)(亲戚|朋友|学校|村委|宾馆|旅馆|救助站)|(亲戚|朋友)家住|安置点|救助站/;
const MEDICAL_CONTEXT = /医院|住院|手术|医药费|药费|看病|治疗|化疗|医疗|病/;
/** The household's breadwinner is suddenly gone. */
const BREADWINNER_LOST = /(老公|丈夫|男人|爱人|妻子|老婆|媳妇|孩子他爸|孩子她妈|孩子妈妈|孩子爸爸)[\s\S]{0,4}?(跑了|离家出走|失踪|去世|过世|走了|没了|坐牢|被抓|判刑)/;
const HOUSING_RISK = /搬走|搬出去|房租[都也]?(交不上|交不起|付不起|付不上)|欠房租|交不起房租|收房|不续租|没找到住|要被赶|让我们走/;

const crisisMessages: Record<CrisisCategory, string> = {
  self_harm: '申请中有轻生字眼，请立即联系并评估风险',
  no_food: '家中已断粮或没有饭吃',
  no_shelter: '今晚无处居住或被迫离家',
  child_alone: '孩子或需要照料的家人无人照看',
  violence: '可能正在遭受暴力或人身威胁',
  medical_emergency: '出现危及生命的急症或治疗被迫中断',
};

/** Triage an application at the instant `now` (used to date the hardship in Shanghai time). */
export function triage(input: TriageInput, now: Date): TriageResult {
  const text = normalizeForMatching(input.description);
  const crisis = detectCrisis(input.description);
  const needs = new Set(input.urgentNeeds);
  const type = input.hardshipType;
  const ageDays = input.occurredOn ? Math.max(0, daysBetween(input.occurredOn, shanghaiDate(now))) : undefined;
  const emergency = isEmergencyHardship(type);
  const pastCue = PAST.test(text);
  const acute = emergency && (ageDays === undefined || ageDays <= ACUTE_DAYS) && !pastCue;
  const recent = emergency && (ageDays === undefined || ageDays <= RECENT_DAYS);
  const today = TODAY.test(text);
  const noMoney = NO_MONEY.test(text);
  const inHospital = IN_HOSPITAL.test(text) && !pastCue;
  const stranded = type === 'stranded';
  const typeLabel = hardshipTypeLabels[type];

  const reasons: TriageReason[] = [];
  const add = (code: TriageCode, priority: Priority, message: string) => reasons.push({ code, priority, message });

  for (const match of crisis.matches) {
    const code = `CRISIS_${match.category.toUpperCase()}` as TriageCode;
    if (!reasons.some((r) => r.code === code)) {
      add(code, 'P1', `${crisisMessages[match.category]}（${crisisCategoryLabels[match.category]}：“${match.text}”）`);
    }
  }

  // P1: food, shelter or safety ticked as urgent is taken as needed today, unless the text
  // shows it can wait (somewhere to stay, food for the month, a date ahead, an event long past)
  // and nothing just happened.
  const pressing = stranded || acute || today || !(pastCue || CAN_WAIT.test(text));
  const why = stranded ? '滞留外地' : today ? '情况发生在当天' : acute ? `刚遭遇${typeLabel}` : noMoney ? '身上已经没有钱' : '描述中没有可以等待的迹象';
  if (needs.has('shelter') && !SHELTERED.test(text) && pressing) add('NEED_SHELTER_TONIGHT', 'P1', `急需住处（${why}），今晚可能无处安身`);
  if (needs.has('food') && (pressing || noMoney)) add('NEED_FOOD_NOW', 'P1', `急需吃饭（${why}）`);
  if (needs.has('safety') && (pressing || (type === 'crime_victim' && recent))) {
    add('NEED_SAFETY_NOW', 'P1', `需要人身安全保护（${type === 'crime_victim' ? '刚遭受不法侵害' : why}）`);
  }
  if ((needs.has('child_care') || needs.has('elderly_care')) && (acute || today || inHospital)) {
    add('NEED_CARE_NOW', 'P1', '家中突发变故（如住院），孩子或老人可能无人照料');
  }
  if (stranded && noMoney) add('STRANDED_NO_MONEY', 'P1', '滞留外地且身无分文');

  // P2: urgent.
  if (recent) {
    add('RECENT_EMERGENCY', 'P2', ageDays === undefined ? `近期遭遇${typeLabel}` : `${ageDays === 0 ? '今天' : `${ageDays}天前`}遭遇${typeLabel}`);
  } else if (emergency) {
    add('EVENT_NOT_RECENT', 'P3', `${typeLabel}发生在${RECENT_DAYS}天以前`);
  } else if (!pastCue && EVENT.test(text)) {
    add('RECENT_EMERGENCY', 'P2', `描述中提到突发事件（${EVENT.exec(text)?.[0] ?? ''}）`);
  }
  const serious = SERIOUS_ILLNESS.test(text);
  if (type === 'sudden_illness' || serious || inHospital || needs.has('medical')) {
    add('MEDICAL', 'P2', serious ? '涉及重病或重大伤情' : inHospital ? '正在住院或需要手术' : '有就医需要');
  }
  const cost = largestAmountYuan(text);
  if (!pastCue && (type === 'medical_expense' || type === 'sudden_illness' || MEDICAL_CONTEXT.test(text)) && cost >= BIG_MEDICAL_COST_YUAN) {
    add('MEDICAL_COST', 'P2', `医疗费用负担重（约${cost >= 10_000 ? `${cost / 10_000}万` : cost}元）`);
  }
  if (type === 'lost_income') add('LOST_INCOME', 'P2', '失去收入来源');
  if (NO_INCOME.test(text) || noMoney || input.household?.monthlyIncome === 0) {
    add('NO_INCOME', 'P2', '家庭没有收入或已无钱维持生活');
  }
  if (!pastCue && BREADWINNER_LOST.test(text)) add('LOST_BREADWINNER', 'P2', '家中主要劳动力突然离开、去世或入狱');
  if (HOUSING_RISK.test(text)) add('HOUSING_AT_RISK', 'P2', '住房即将失去或房租无力支付');
  // P2: a need the resident ticked that nothing above made pressing.
  const has = (code: TriageCode) => reasons.some((r) => r.code === code);
  if (needs.has('shelter') && !has('NEED_SHELTER_TONIGHT')) add('NEED_SHELTER', 'P2', '申请人表示急需住处');
  if (needs.has('food') && !has('NEED_FOOD_NOW')) add('NEED_FOOD', 'P2', '申请人表示急需吃饭');
  if (needs.has('safety') && !has('NEED_SAFETY_NOW')) add('NEED_SAFETY', 'P2', '申请人表示需要人身安全保护');
  if ((needs.has('child_care') || needs.has('elderly_care')) && !has('NEED_CARE_NOW')) {
    add('NEED_CARE', 'P2', '家中孩子或老人需要照料');
  }

  if (!reasons.some((r) => r.priority !== 'P3')) add('ROUTINE', 'P3', '未发现危及生命安全或紧急的情况，按常规程序办理');
  reasons.sort((a, b) => a.priority.localeCompare(b.priority));
  return { priority: reasons[0]?.priority ?? 'P3', reasons, crisis };
}

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 几: 2 };

/** A small Chinese numeral (up to 千) to a number; 几 counts as 2, the low reading of "a few". */
function chineseNumber(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    const unit = ch === '千' ? 1000 : ch === '百' ? 100 : ch === '十' ? 10 : 0;
    if (unit) {
      total += (digit || 1) * unit;
      digit = 0;
    } else {
      digit = DIGITS[ch] ?? 0;
    }
  }
  return total + digit;
}

/** The largest sum of money named in normalised text (三万块, 20多万, 5000元, 上万), in yuan. */
export function largestAmountYuan(text: string): number {
  let max = 0;
  // A Chinese numeral must start with a digit word, so 千万 ("by all means") is not a sum.
  const money = /(\d+(?:\.\d+)?|[〇零一二两三四五六七八九十几][〇零一二两三四五六七八九十百千几]*)(多|余|来)?(万|千)?(多|余|来)?(元|块)?/g;
  for (let m = money.exec(text); m; m = money.exec(text)) {
    const [, num = '', , unit, , yuan] = m;
    if (!unit && !yuan) continue;
    const n = /\d/.test(num) ? Number(num) : chineseNumber(num);
    max = Math.max(max, n * (unit === '万' ? 10_000 : unit === '千' ? 1000 : 1));
  }
  if (/上万|数万|好几万/.test(text)) max = Math.max(max, 10_000);
  return max;
}
