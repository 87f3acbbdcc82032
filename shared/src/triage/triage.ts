/**
 * Deterministic triage of a temporary-assistance application: P1 (danger to life or safety
 * today), P2 (urgent), P3 (routine), with every reason that applies, in Chinese for staff.
 * The rules lean to over-triage: a real P1 must never come out lower. Each reason carries
 * the priority it implies; the case gets the highest.
 *
 * P1: crisis words (crisis/lexicon.ts); food, shelter or safety ticked as an urgent need,
 * unless the text shows it can wait; child or elderly care needed after a sudden event;
 * stranded without money; a dependant (disabled, bedridden, a child) alone after the carer
 * is suddenly gone; heating cut in the cold with someone frail at home; a home lost today.
 * P2: a recent emergency, illness, injury or hospital, big medical bills, no income, a
 * breadwinner gone, a home about to be lost, heating or power about to be cut, debt
 * collectors, any other ticked need. Else P3.
 * Crisis words about care that is only needed later (下周住院) give P2; an emergency the
 * text dates to a year or more ago is not recent whatever `occurredOn` says.
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
  | 'DEPENDANT_ALONE' | 'COLD_EXPOSURE' | 'HOME_LOST_TODAY' | 'CHILD_MISSING' | 'ALONE_UNREACHABLE' | 'TREATMENT_STOPPED'
  | 'PREGNANCY_DANGER'
  | 'RECENT_EMERGENCY' | 'MEDICAL' | 'MEDICAL_COST' | 'LOST_INCOME' | 'LOST_BREADWINNER' | 'NO_INCOME' | 'HOUSING_AT_RISK'
  | 'UTILITY_CUT' | 'DEBT_PRESSURE'
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
/** An event the text dates a year or more back: it is over, whatever date was entered. */
const LONG_PAST = /去年|前年|前几年|前些年|那年|当年|早些年|[一两三四五六七八九十几多半]年(前|以前)/;
/** Something happening again or now, which keeps an old story current. */
const AGAIN_NOW = /又|再次|今天|今晚|昨天|昨晚|前天|这几天|这两天|最近|刚才|刚刚|现在还|还在/;
const TODAY = /今晚|今天|今夜|今早|今晨|当晚|昨晚|昨天|昨夜|刚才|刚刚|凌晨|此刻|眼下/;
/** A date ahead (next week, end of the month): the need is not for today. */
const LATER = /下周|下星期|下礼拜|下个?月|月底|月末|过几天|过些天|过段时间|年后|明年|下学期|开学前|到时候/;
/** Words that put the need in the present, which a date ahead does not cancel. */
const NOW = /今天|今晚|今早|今夜|现在|眼下|此刻|刚才|刚刚|已经|正在|昨天|昨晚|这会/;
const NO_MONEY = /[一1][分块毛]钱?(都|也)?没|没有[一1][分块毛]钱|身无分文|分文没有|分文全无|身上[\s\S]{0,3}没钱|兜里[\s\S]{0,3}没钱|钱包(被偷|丢|被抢)|钱被偷|钱被骗|钱都被|钱(也|都)?(花|用)(完|光)了|钱被[\s\S]{0,3}(骗|偷|抢)光/;
const NO_INCOME = /没有?(别的|其他|其它|任何|一点)?(收入|经济来源|生活来源)|无(任何)?(收入|经济来源|生活来源)|零收入|失去收入|断了收入|没了收入|收入(也|都)?(断|没)了|失业|下岗|被辞退|被裁|丢了工作|工作(也|都|又)?(丢|没)了|没了工作|没有工作|没工作|找不到工作|没找到工作|找不到活|没找到活|没活干|没活儿干|活(也|都)?没了|打不了工|干不了活|干不了了|没法干活|不能干活|无法工作|不能工作|上不了班|没法上班|拖欠[\s\S]{0,4}工资|工资被拖欠|发不出工资|没发工资|不发工资|没工资|欠薪|讨薪|一分钱没给|工钱没(结|给)/;
const SERIOUS_ILLNESS = /癌|肿瘤|白血病|化疗|放疗|透析|尿毒症|肾衰|心梗|心肌梗|脑梗|脑出血|脑溢血|中风|瘫痪|重病|大病|重症|icu|监护室|器官移植|骨折|烧伤|截肢|病危|肝硬化|心衰|渐冻|罕见病|精神分裂|植物人|胰岛素|癫痫|先天性心脏病|先心病|脑瘫|尘肺|早产|保温箱/;
/** Ill or hurt now (not a chronic condition on routine pills). */
const SICK_NOW = /发烧|高烧|发高烧|病倒|病重|受伤|摔伤|撞伤|烫伤|伤口|化脓|感染|缝了|缝针|打石膏|没钱看病|看不起病|没钱治|治不起|没钱去医院|没钱上医院|去不起医院|(?<!心)疼(得|的)|痛(得|的)|止疼药|止痛药|氧气|见红|怀孕[\s\S]{0,8}(疼|痛|出血)|药[\s\S]{0,4}(断了|没了|快没了|快吃完|只剩)/;
/** The story is in the past and over (以前…后来好了, 走丢过一次…找回来了). */
const PAST_MARK = /以前|过去|曾经|那时候|当时|之前|前些年|前几年|去年|前年|年轻时|过一次|过几次|过两次/;
const RESOLVED = /(这几年|这些年|现在|后来)(都|一直)?(挺好|很好|不错|还好|正常)|生活正常|后来(就)?(好了|好多了|戒了|改了|找回来了|找到了|回来了|离了|离婚了)|现在(已经)?(好了|好多了|挺好|没事了|不打了|对我挺好|过(得|的)挺好)|已经(离了|离婚了|找回来了|好了|没事了)|找回来了|戒了/;
/** Anything still going on, which keeps an old story open. */
const STILL = /又|再次|今天|今晚|昨天|昨晚|前天|这几天|这两天|最近|刚才|刚刚|还在|还是|天天|经常|一直|老是|会|还打|还骂|还动手|喝醉|喝多/;
/** Words that put the resident without a roof tonight despite a place named. */
const ROOFLESS_NOW = /今晚|今夜|没地方|没处|无处|不知道(住|睡|去)|露宿|街上|外面|不让住/;
/** The emergency has been treated: the patient is out of danger. */
const RESCUED = /抢救过来|脱离(了)?(生命)?危险|(病情|情况)(已经)?稳定|转危为安/;
/** Recovered from an old illness: no longer a medical need by itself. */
const RECOVERED = /能自己(走|下地|干活|做饭)|能(走路|下地)了|恢复(得|的)?(还行|不错|挺好|很好|好了)|(已经|现在)(好了|好多了|没事了|痊愈)|痊愈|康复了/;
const IN_HOSPITAL = /住院|急诊|进医院|送医院|在医院|进了医院|抢救|icu|监护室|要做手术|需要手术|等着手术|马上手术|准备手术|手术费/;
/** The need can wait: a date ahead, some food left, a repair rather than a roof tonight. */
const CAN_WAIT = /月底|下个?月|下周|下星期|下礼拜|下个礼拜|过两天|还有[\s\S]{0,3}(天|周|个?月)|过几天|快要|快没|快吃完|快交不上|只够|还够|(?<!不)够吃|紧巴巴|比较紧张|危房|漏得|漏雨|漏水|修房|到期|不续租|想租|租个|租房|找房|借住|暂住|寄住|安置点/;
/** Somewhere to stay for now: a shelter need is then not for tonight. */
const SHELTERED = /借住|暂住|寄住|(住在|住到|住进|安排在|安置在|安排到|安置到|待在)(我|俺|他|她|我们|俺们)?(亲戚|朋友|老乡|工友|同事|邻居|姐|哥|妹|弟|姨|舅|叔|姑|娘家|婆家|丈母娘|学校|村委|村里|活动室|宾馆|旅馆|招待所|救助站|宿舍|帐篷|安置)|(亲戚|朋友|老乡|工友|邻居)家住|安置点|救助站|(凑合|将就|勉强|盖着|搭着)(着)?住|还能住|给安排了?住/;
/** Food at home for now, even if money is short. */
const FOOD_ON_HAND = /(吃的|存粮|粮食?|米面?|面粉?)[^没不]{0,3}(还|倒是?)有|还有(点|些|一点|一些)?(吃的|存粮|粮|米|面)|存粮|(?<!不)够吃/;
const MEDICAL_CONTEXT = /医院|住院|手术|医药费|药费|看病|治疗|化疗|医疗|病/;
/** The household's breadwinner is suddenly gone. */
const BREADWINNER_LOST = /(老公|丈夫|男人|爱人|妻子|老婆|媳妇|孩子他爸|孩子她妈|孩子妈妈|孩子爸爸)[\s\S]{0,4}?(跑了|离家出走|失踪|去世|过世|走了|没了|坐牢|被抓|判刑|判了|抓进去|关进去|进去了|被拘)/;
const HOUSING_RISK = /不让住|不给住|不让我们住|搬走|搬出去|房租[都也]?(交不上|交不起|付不起|付不上)|欠房租|交不起房租|收房|不续租|没找到住|要被赶|让我们走|赶出来|赶出去|撵出|强拆|换了锁|房子[\s\S]{0,3}封了|扫地出门/;
/** Heating, power, water or gas cut off, or about to be. */
const UTILITY_CUT = /(暖气|供暖|燃气|天然气|煤气)[\s\S]{0,6}(停了|断了|被停|被断|给停|给断|掐了|要停|就停|会停|停掉)|(电|水)(也|都|又)?(被|给)?(停|断|掐)(了|掉)|停(了)?(暖|电|水|气)|断(了)?(电|水|暖)|(不交|没交|欠费)[\s\S]{0,3}(就|要|会|给|被)?(停|断)|没(有)?暖气|没(钱)?(烧|买)(煤|炭|柴)|(煤|炭|柴)(也|都)?(烧完|用完|没了)/;
/** Cold enough to hurt someone. */
const FREEZING = /冻|冷|冰窖|零下|结冰|大雪|寒潮/;
/** Cold that is already hurting someone, with or without a cut named. */
const FROZEN = /冻(得|的)[\s\S]{0,3}(哭|抖|哆嗦|发紫|受不了|病|咳|睡不着|脸)|冻僵|冻伤|冻坏|冻病|冰窖|会冻死|要冻死|冷(得|的)[\s\S]{0,3}(哭|发抖|哆嗦|受不了|发紫)/;
/** Heating broken rather than cut. */
const NO_HEAT = /(暖气|供暖|炉子|取暖器|电暖器?|电热毯)[\s\S]{0,4}(坏了|不热|不管用|没了|停了)/;
/** Someone at home who cannot cope with cold, hunger or being alone. */
const FRAIL = /老人|老母亲|老父亲|老娘|老爹|老伴|老两口|老头|老太|老汉|五保|奶奶|爷爷|姥姥|姥爷|外婆|外公|[七八九]十(多)?岁|[七八九]十[一二三四五六七八九]|瘫|卧床|残疾|智障|痴呆|失能|偏瘫|植物人|脑瘫|自闭|精神病|婴儿|宝宝|月子|刚出生|哮喘|病人|孕妇|怀孕/;
/** A dependant who cannot look after themselves. */
const DEPENDANT = /瘫|卧床|残疾|智障|傻|痴呆|失能|偏瘫|植物人|脑瘫|自闭|精神病|婴儿|宝宝|小孩/;
/** The dependant left on their own. */
const ON_THEIR_OWN = /一个人在(家|屋)|独自在(家|屋)|自己在家|自个儿?在家|一个人(躺|待)在|锁在(家|屋)|没人(管|照顾|照看|看|给|送饭|做饭)|无人(照顾|照料|看管)/;
/** The carer suddenly gone or unable to come. */
const CARER_GONE = /走了|去世|过世|没了|住院|进了?医院|在医院|出了事|出事了|被抓|被拘|被带走|坐牢|回不去|回不来|赶不回|联系不上|这两天|这几天|好几天|[两三四五六七八九十几]天了/;
/** A minor named with an age under 18, or as a small child. */
const MINOR_AGE = /([\d]{1,2}|[一二两三四五六七八九十]{1,3})周?岁/g;
const KID_WORD = /孩子|娃|儿子|女儿|闺女|小孩|孙子|孙女|外孙|弟弟|妹妹/;
/** A child who has gone missing or been taken. */
const MISSING = /联系不上|失联|不见了|找不到|找不着|没找到|没找着|骗走|被拐|拐走|被带走|抱走|没回家|没回来|离家出走|跑出去/;
/** The missing has lasted since recently (not a story from years ago). */
const SINCE_RECENTLY = /今天|昨天|昨晚|前天|一夜|一晚|一宿|整晚|这两天|这几天|[一两三四五六七八九十几\d]+天(了|都|还)|到现在|还没|至今/;
/** An old, sick or disabled person (not a pregnancy or a baby). */
const ELDER_OR_DISABLED = /老人|老母亲|老父亲|老娘|老爹|老伴|老两口|老头|老太|老汉|五保|孤寡|奶奶|爷爷|姥姥|姥爷|外婆|外公|我妈|俺妈|我爸|俺爹|俺娘|父亲|母亲|[七八九]十(多)?岁|瘫|卧床|残疾|智障|痴呆|失能|病人/;
/** The applicant is the old person (我今年七十, 俺是五保户): someone unreachable is then someone else. */
const WRITER_IS_ELDER = /(我|俺)(今年)?(都)?[六七八九]十|(我|俺)是(个)?(独居|孤寡|五保|空巢|老人|残疾)/;
/** An old person living on their own who cannot be reached. */
const LIVES_ALONE = /一个人(在|住|过)|独居|独自|自己住|自个儿?住|孤寡|五保/;
const UNREACHABLE = /联系不上|打不通|没人接|不接电话|没人应|敲门[\s\S]{0,4}(不开|没人)|没见[\s\S]{0,6}出门|不见人/;
/** A life-sustaining treatment (dialysis, insulin, oxygen) that cannot go ahead now. */
const TREATMENT_STOPPED = /(透析|胰岛素|呼吸机|制氧机|氧气|抗排异)[\s\S]{0,14}(做不了|不给做|不给透|不给打|没法做|没钱做|停了|停着|断了|先交钱|交了钱才|欠费|打完了|用完了|没了|停电)/;
/** Pregnant and something is going wrong. */
const PREGNANCY_DANGER = /(怀孕|孕妇|怀着|身孕|大肚子|快生了|要生了|临产|预产期)[\s\S]{0,20}(肚子[\s\S]{0,4}(疼|痛)|腹痛|见红|出血|流血|破水|羊水|被打|打了[\s\S]{0,3}肚子|摔了|摔倒|动不了|晕倒|晕过去)/;
/** A few coins left: no money in practice. */
const COINS_LEFT = /(就|只)剩(下)?(几|一两|两|三|十几|几十)(块|毛)钱?/;
/** Debt collectors pressing: urgent even without a threat of harm. */
const DEBT_PRESSURE = /催收|催债|要债|要账|讨债|追债|逼债|高利贷|网贷/;

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
  // The text dates the event a year or more back and says nothing happened since.
  const longPast = LONG_PAST.test(text) && !AGAIN_NOW.test(text);
  const acute = emergency && (ageDays === undefined || ageDays <= ACUTE_DAYS) && !pastCue;
  const recent = emergency && (ageDays === undefined || ageDays <= RECENT_DAYS) && !longPast;
  const today = TODAY.test(text);
  // Only a date ahead, nothing now: 下周住院 is not today's emergency.
  const laterOnly = LATER.test(text) && !NOW.test(text);
  const noMoney = NO_MONEY.test(text);
  const sheltered = SHELTERED.test(text);
  // An old story that is over (以前…后来好了); self-harm words are never discounted for it.
  const resolved = PAST_MARK.test(text) && RESOLVED.test(text) && !STILL.test(text);
  const inHospital = IN_HOSPITAL.test(text) && !pastCue && !longPast && !resolved;
  const stranded = type === 'stranded';
  const typeLabel = hardshipTypeLabels[type];

  const reasons: TriageReason[] = [];
  const add = (code: TriageCode, priority: Priority, message: string) => reasons.push({ code, priority, message });

  const rescued = RESCUED.test(text) && !/又|再次/.test(text);
  // The home is damaged but there is somewhere to sleep tonight.
  const roofForNow = sheltered && !ROOFLESS_NOW.test(text);
  for (const match of crisis.matches) {
    const code = `CRISIS_${match.category.toUpperCase()}` as TriageCode;
    if (reasons.some((r) => r.code === code)) continue;
    const label = crisisCategoryLabels[match.category];
    const message = `${crisisMessages[match.category]}（${label}：“${match.text}”）`;
    if (resolved && match.category !== 'self_harm') {
      add(code, 'P3', `描述中提到过去的${label}（“${match.text}”），看来已经过去，请核实`);
    } else if (match.category === 'no_shelter' && roofForNow) {
      add(code, 'P2', `${message}，但目前有地方暂住`);
    } else if (match.category === 'child_alone' && laterOnly) {
      // Care only needed at a date ahead is urgent rather than today's danger.
      add(code, 'P2', `${message}，但照料需求在以后，请提前安排`);
    } else if (match.category === 'medical_emergency' && rescued) {
      add(code, 'P2', `${message}，但已脱离危险`);
    } else {
      add(code, 'P1', message);
    }
  }

  // P1: food, shelter or safety ticked as urgent is taken as needed today, unless the text
  // shows it can wait (somewhere to stay, food for the month, a date ahead, an event long past)
  // and nothing just happened.
  const pressing = stranded || acute || today || !(pastCue || CAN_WAIT.test(text));
  const why = stranded ? '滞留外地' : today ? '情况发生在当天' : acute ? `刚遭遇${typeLabel}` : noMoney ? '身上已经没有钱' : '描述中没有可以等待的迹象';
  if (needs.has('shelter') && !sheltered && pressing) add('NEED_SHELTER_TONIGHT', 'P1', `急需住处（${why}），今晚可能无处安身`);
  if (needs.has('food') && !FOOD_ON_HAND.test(text) && (pressing || noMoney)) add('NEED_FOOD_NOW', 'P1', `急需吃饭（${why}）`);
  if (needs.has('safety') && (pressing || (type === 'crime_victim' && recent))) {
    add('NEED_SAFETY_NOW', 'P1', `需要人身安全保护（${type === 'crime_victim' ? '刚遭受不法侵害' : why}）`);
  }
  if ((needs.has('child_care') || needs.has('elderly_care')) && (acute || today || inHospital) && !laterOnly) {
    add('NEED_CARE_NOW', 'P1', '家中突发变故（如住院），孩子或老人可能无人照料');
  }
  if ((DEPENDANT.test(text) || isMinor(text)) && ON_THEIR_OWN.test(text) && CARER_GONE.test(text) && !laterOnly) {
    add('DEPENDANT_ALONE', 'P1', '无法自理的家人（孩子、残疾或卧床者）照料人突然不在，可能独自在家');
  }
  if (stranded && (noMoney || COINS_LEFT.test(text)) && !sheltered) add('STRANDED_NO_MONEY', 'P1', '滞留外地且身无分文');
  const utilityCut = UTILITY_CUT.test(text) && !pastCue && !longPast;
  const noHeat = (utilityCut || NO_HEAT.test(text)) && !pastCue && !longPast;
  if (((noHeat && FREEZING.test(text)) || (FROZEN.test(text) && !pastCue && !longPast)) && FRAIL.test(text) && !laterOnly) {
    add('COLD_EXPOSURE', 'P1', '停暖或断电后屋内严寒，家中有老人、病人或孩子，有冻伤风险');
  }
  if (MISSING.test(text) && SINCE_RECENTLY.test(text) && !longPast && isMinor(text)) {
    add('CHILD_MISSING', 'P1', '未成年人走失、出走或被带走，下落不明');
  }
  if (ELDER_OR_DISABLED.test(text) && !WRITER_IS_ELDER.test(text) && LIVES_ALONE.test(text) && UNREACHABLE.test(text) && !longPast) {
    add('ALONE_UNREACHABLE', 'P1', '独居的老人或病人联系不上，可能出事');
  }
  if (TREATMENT_STOPPED.test(text) && !pastCue && !longPast && !laterOnly) {
    add('TREATMENT_STOPPED', 'P1', '透析、胰岛素或吸氧等维持生命的治疗中断或无法进行');
  }
  if (PREGNANCY_DANGER.test(text) && !pastCue && !longPast) {
    add('PREGNANCY_DANGER', 'P1', '孕妇出现腹痛、出血或受伤等危险情况');
  }
  if (HOUSING_RISK.test(text) && (today || /马上|立刻|立即|现在就/.test(text)) && !LATER.test(text) && !sheltered) {
    add('HOME_LOST_TODAY', 'P1', '当天就要失去住处');
  }

  // P2: urgent.
  if (recent) {
    add('RECENT_EMERGENCY', 'P2', ageDays === undefined ? `近期遭遇${typeLabel}` : `${ageDays === 0 ? '今天' : `${ageDays}天前`}遭遇${typeLabel}`);
  } else if (emergency) {
    add('EVENT_NOT_RECENT', 'P3', longPast ? `据描述，${typeLabel}发生在一年或更早以前` : `${typeLabel}发生在${RECENT_DAYS}天以前`);
  } else if (!pastCue && EVENT.test(text)) {
    add('RECENT_EMERGENCY', 'P2', `描述中提到突发事件（${EVENT.exec(text)?.[0] ?? ''}）`);
  }
  // An illness from years ago the resident has recovered from is not a medical need now.
  const serious = SERIOUS_ILLNESS.test(text) && !resolved && !(longPast && RECOVERED.test(text));
  const sickNow = SICK_NOW.test(text) && !pastCue && !longPast;
  if (type === 'sudden_illness' || serious || inHospital || sickNow || needs.has('medical')) {
    add('MEDICAL', 'P2', serious ? '涉及重病或重大伤情' : inHospital ? '正在住院或需要手术' : sickNow ? '正在生病或受伤，需要就医' : '有就医需要');
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
  if (utilityCut) add('UTILITY_CUT', 'P2', '暖气、水电或燃气已停或即将被停');
  if (DEBT_PRESSURE.test(text) && !longPast) add('DEBT_PRESSURE', 'P2', '正在被催债，生活受到压力');
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

/** True when the text names someone under 18 (8岁, 十六岁) or a child without an age. */
function isMinor(text: string): boolean {
  for (const m of text.matchAll(MINOR_AGE)) {
    const n = /\d/.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!);
    if (n > 0 && n < 18) return true;
  }
  return /小孩|娃娃|孩子才|小的|上小学|上初中|上学|放学|学生|婴儿|宝宝/.test(text) && KID_WORD.test(text);
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
