/**
 * THE crisis lexicon: words in free text that show danger to life or safety today. Triage
 * (P1) and the chat assistant (`crisis: true`, hotline first) both use `detectCrisis`, so a
 * phrase added here counts everywhere.
 *
 * Matching is on normalised text (full-width → half-width, latin lower-case, everything but
 * letters and digits removed), so write terms without spaces or punctuation. A term may use:
 *   {n}      a count: 2, 两, 好几, 十几 …           e.g. 饿了{n}天
 *   {name}   any word of `crisisClasses[name]`     e.g. {kid}…一个人在家
 *   …        a gap of up to 8 characters
 * `unless` lists longer phrases in which the term is harmless (跳楼 in 跳楼价, 动手 in 动手术).
 * Negation is deliberately not handled: "不是想自杀" is still a crisis; we err on that side.
 */

export const crisisCategories = ['self_harm', 'no_food', 'no_shelter', 'child_alone', 'violence', 'medical_emergency'] as const;
export type CrisisCategory = (typeof crisisCategories)[number];

export interface CrisisTerm {
  term: string;
  category: CrisisCategory;
  unless?: readonly string[];
}

export interface CrisisMatch {
  term: string;
  category: CrisisCategory;
  /** The normalised text that matched. */
  text: string;
}

export interface CrisisResult {
  crisis: boolean;
  matches: CrisisMatch[];
}

/** Word classes usable as {name} in terms. */
export const crisisClasses: Record<string, readonly string[]> = {
  kid: ['孩子', '小孩', '娃', '儿子', '女儿', '闺女', '宝宝', '婴儿', '幼儿', '小朋友', '孙子', '孙女', '外孙', '弟弟', '妹妹'],
  frail: ['瘫痪', '卧床', '残疾', '智障', '痴呆', '失能', '偏瘫', '植物人'],
  food: ['米', '面粉', '挂面', '粮', '馒头', '奶粉', '吃的'],
  lifeMed: ['胰岛素', '救命药', '抗排异药', '抗癫痫药', '氧气', '呼吸机'],
  elder: ['老人', '老母亲', '老父亲', '母亲', '父亲', '我妈', '我爸', '老妈', '老爸', '老娘', '老伴', '奶奶', '爷爷', '姥姥', '姥爷', '外婆', '外公', '婆婆', '公公', '病人'],
};

const group = (category: CrisisCategory, terms: ReadonlyArray<string | [string, readonly string[]]>): CrisisTerm[] =>
  terms.map((t) => (typeof t === 'string' ? { term: t, category } : { term: t[0], category, unless: t[1] }));

const ALONE = ['一个人在家', '独自在家', '单独在家', '一个人留在家', '锁在家', '反锁在家', '锁在屋', '锁屋里', '关在屋'];
const NO_CARER = ['没人照顾', '没人照看', '没人照料', '没人看管', '没有人照顾', '无人照顾', '无人照料', '无人看管', '无人监护',
  '没人管', '没有人管', '无人管', '谁也不管', '谁都不管', '没人送饭', '没人做饭'];
const NO_CARER_KID = ['没人看', '没人带', '没人喂', '没人问'];

// ==== CRISIS TERMS: the one list. Append new terms here (any module may extend it). ====
export const crisisTerms: CrisisTerm[] = [
  ...group('self_harm', [
    ['不想活', ['不想活动', '不想活跃']], '活不下去', '活不哈去', '活不成了', ['没法活', ['没法活动']], '不想再活',
    ['想死', ['想死你']], '寻死', '寻短见', '轻生', '自杀', '自尽', '自残', '自伤', '自我伤害', '割腕', '割脉',
    ['跳楼', ['跳楼价', '跳楼甩卖', '跳楼大甩卖', '跳楼清仓']], '跳河', '跳江', '跳湖', '跳井', '跳崖', '跳桥', '卧轨', '上吊',
    '喝农药', '喝药自杀', '想喝药', '喝敌敌畏', '喝百草枯', '吃老鼠药', '喝老鼠药', '烧炭', '一瓶安眠药', '攒安眠药', '吞安眠药',
    '吞药', '一死了之', '死了算了', '死了干净', '不如死了', '还不如死', '不如去死', '去死', '一起死', '同归于尽', '一了百了',
    '活着没意思', '活着没啥意思', '活着没意义', '活着有什么意思', '活着还有什么意思', '活着干嘛', '活着干什么', '活着有啥用',
    '活着没用', '活着是受罪', '活受罪', '是个累赘', '不如走了', '走了算了', '后事安排好', '安排好后事', '交代后事', '活够了',
    '结束生命', '结束自己', '了结自己', '了此残生', ['撑不下去', ['生意撑不下去', '店撑不下去', '厂撑不下去', '公司撑不下去']],
    ['熬不下去', ['生意熬不下去']], '挺不下去', '日子没法过', '日子过不下去', '带着{kid}一起走', '带{kid}一起走', '一起走了算了',
    '离开这个世界', '不想醒来', '想解脱', '攒了…安眠药', '药都攒好', '跳下去', '往下跳', '从楼上跳', '我死了', '死了就好',
    '死了…就好了', '遗书', '想不开', '走绝路', '寻绝路', '没有活路', '没活路', '莫得活路', '生不如死', '唔想活', '不想拖累',
    'suicide', 'killmyself', 'wanttodie', 'endmylife',
  ]),
  ...group('no_food', [
    '断粮', '断顿', '断炊', '没饭吃', '没有饭吃', '吃不上饭', '吃不起饭', '吃不饱', '揭不开锅', '没米下锅', '家里没米',
    '米缸见底', '米面都没了', '没米没面', '没吃的', '没有吃的', '没得吃', '冇得食', '冇饭食', '莫得饭吃', '没东西吃',
    '没有东西吃', '一口吃的', '吃了上顿没下顿', '就剩…{food}', '只剩…{food}', '{food}…吃完了', '{food}…快吃完', '{food}…见底',
    '{food}…空了', '{food}…没了', '{food}…没得', '{food}…没有了', '冰箱空了', '一粒米', '一颗米', '一口饭都', '没开火', '饿到起',
    ['饿着', ['饿着肚子也']], '没怎么吃', '饭都没吃', '一天…吃一顿', '吃一顿饿一顿', '米面油都吃完', '饿了{n}天', '饿了{n}顿',
    '{n}天没吃', '{n}顿没吃', '{n}天都没吃', '{n}天没有吃', '没吃过饭', ['饿肚子', ['饿着肚子也']], '挨饿', '饿得', '饿坏了',
    '饿晕', '饿死', ['没钱吃饭', ['快没钱吃饭']], '没钱买吃的', '没钱买饭', ['没钱买米', ['快没钱买米']], '没钱买奶粉',
    '奶粉钱都没有', '吃饭都成问题', '吃饭成问题', '吃饭的钱都没有', '连饭都吃不上', 'nofood',
  ]),
  ...group('no_shelter', [
    '露宿', '睡大街', '睡马路', '睡街上', '睡街头', '睡路边', '睡桥洞', '睡桥下', '睡桥底', '睡车站', '睡火车站', '睡在车站',
    '睡在火车站', '睡公园', '睡在公园', '睡在外面', '睡外面', '在外面过夜', '街上过夜', '流落街头', '无家可归', '无处可去',
    '无处安身', '没处落脚', '没地方落脚', '无处落脚', '没地落脚', '没地方住', '没有地方住', '没地儿住', '没处住', '没住处',
    '没有住处', '没住的地方', '没有住的地方', '没地方睡', '没有地方睡', '没地儿睡', '没处睡', '没得地方住', '莫得地方住',
    '冇地方住', '冇瓦遮头', '今晚住哪', '今晚睡哪', '今晚不知道住', '今晚…去哪', '今晚…住哪', '今晚…睡哪', '不知道睡哪',
    '被赶出来', '被…赶出', '赶出家门', '被撵出来', '被…撵出', '被扫地出门', '被房东赶', '房东赶我', '房子烧没了', '房子烧了',
    '房子烧光', '房子被烧', '房子被火烧', '房子塌了', '房子倒了', '房屋倒塌', '房子被冲', '房子冲垮', '房子冲塌', '房子没了',
    '家没了', '家被烧', '锁在门外', '关在门外', '进不了家', '进不了门', '会冻死', '要冻死', '快冻死', '冻死人', 'homeless',
  ]),
  ...group('child_alone', [
    ...ALONE.flatMap((a) => [`{kid}…${a}`, `{frail}…${a}`]),
    ...NO_CARER.flatMap((a) => [`{kid}…${a}`, `{frail}…${a}`, `{elder}…${a}`]),
    ...NO_CARER_KID.flatMap((a) => [`{kid}…${a}`, `{frail}…${a}`]),
    '{elder}…联系不上', '{elder}…打不通', '没见…出门', '身边没人', '身边没有人', '到现在还没回来', '到现在没回来', '一夜没回来', '一晚上没回来', '找不到人了', '{kid}…被遗弃',
    '{kid}…被扔下', '{kid}…走丢', '{kid}…走失', '{elder}…走丢', '{elder}…走失', '丢下{kid}', '扔下{kid}', '撇下{kid}',
    '把{kid}…扔下', '把{kid}…丢下', '把{kid}…撇下', '留下{kid}一个人', '没人照顾{kid}', '没人照顾{elder}', '没人照顾{frail}',
    '没人管{kid}', '没人看{kid}', '没人带{kid}', '家里没大人', '没有大人在家', '没大人管', '弃婴',
  ]),
  ...group('violence', [
    '家暴', '家庭暴力', ['打我', ['打我电话', '打我手机', '打我的电话', '打我的手机', '打我号码', '打我这个']], '打我们',
    '打孩子', '打老婆', '打媳妇', '打妻子', '打老人', ['打人', ['打人工']], ['被打', ['被打回', '被打折扣', '被打入']], '挨打',
    '殴打', '暴打', '毒打', '拳打脚踢', '打骂', '打伤', '打残',
    ['动手', ['动手术', '自己动手', '动手能力', '动手做', '动手修', '动手干']], '动刀', '拿刀', '拿着刀', '拿起刀', '拿了刀',
    '拿把刀', '拿菜刀', '拿着菜刀', '拿起菜刀', '举着刀', '提着刀', '持刀', '拿着斧头', '不敢进屋', '不敢进门', '不敢进家',
    '砍人', '砍我', '砍伤', '捅我', '捅伤', '掐我', '掐脖子', '踢我', '扇我', '扇耳光', '打耳光', '杀了我', '要杀我', '杀我',
    '杀人', '弄死我', '要弄死', '打断…腿', '抽我', '让我好看', '要我好看', '饶不了', '不放过我', '报复', '跟踪我', '上门堵',
    '堵门', '堵我', '堵在门口', '威胁要杀', '扬言要杀', '威胁我', '威胁孩子', '威胁要', '受到威胁', '被威胁', '生命威胁', '恐吓',
    '虐待', '强奸', '性侵', '猥亵', '拐卖', '被拐', '绑架', '囚禁', '被关起来', '躲在外面', '躲出来', '躲起来', '躲到', '逃出来',
    '逃出家门', '不敢回', '砸东西', '砸家', '发酒疯', '喝醉了打', '追着打', '暴力催收', '上门逼债', '人身安全', '被抢', '抢劫',
  ]),
  ...group('medical_emergency', [
    '昏迷', '昏过去', '晕过去', '晕倒', '摔倒在地', '摔…起不来', '摔…动不了', '倒在地上起不来', '胸口疼', '胸口痛', '胸痛',
    '心口疼', '心口痛', '休克', '不省人事', '叫不醒', '没有意识', '没意识', '意识不清', '抽搐', '抽风', '口吐白沫', '大出血',
    '血流不止', '出血不止', '止不住血', '吐血', '喘不上气', '喘不过气', '喘不过来', '喘不上来', '心脏病犯', '犯病了', '病犯了',
    ['救命', ['救命稻草']], '血止不住', '流了很多血', '流血不止', '伤口很深', '被狗咬', '狗咬了', '上不来气', '呼吸不上来',
    '呼吸困难', '脸都紫了', '脸发紫', '嘴唇发紫', '噎住', '误食', '吃错东西', '吃错药', '中毒', '一氧化碳', '触电', '溺水',
    '没有呼吸', '没呼吸', '心跳停', '心脏骤停', '快不行了', '人不行了', '命悬一线', '生命危险', '危在旦夕', '病危', '抢救',
    '急救', '打120', '叫120', '拨打120', '救护车', '急需手术', '马上手术', '等着手术', '等着做手术', '没钱做手术',
    '交不起手术费', '不交钱不给治', '不给治', '不给看病', '停止治疗', '放弃治疗', '停药', '断药', '{lifeMed}…用完',
    '{lifeMed}…打完', '{lifeMed}…吃完', '{lifeMed}…没了', '{lifeMed}…断了', '没钱买{lifeMed}', '迷迷糊糊', '神志不清',
    '意识模糊', '没钱透析', '停止透析', '透析停了', '断了透析', '等着救命',
  ]),
  // added for the chat assistant (phrasings residents use in chat)
  ...group('self_harm', ['喝药的心']),
  ...group('no_shelter', ['睡在桥洞', '住在桥洞']),
  ...group('violence', ['浑身是伤', '遍体鳞伤']),
];
// ==== end of crisis terms ====

/** Chinese names of the categories, for staff. */
export const crisisCategoryLabels: Record<CrisisCategory, string> = {
  self_harm: '轻生风险',
  no_food: '断粮挨饿',
  no_shelter: '无处居住',
  child_alone: '孩子或需照料的家人无人照看',
  violence: '暴力或人身威胁',
  medical_emergency: '危及生命的急症',
};

/** Full-width → half-width, latin lower-case, and only letters (incl. CJK) and digits kept. */
export function normalizeForMatching(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ch;
  }
  return out.toLowerCase().replace(/[^0-9a-z\u3007\u3400-\u9fff\uf900-\ufaff]/g, '');
}

const COUNT = '(?:\\d+|[〇一二两三四五六七八九十百几好多半整]+)';
const GAP = '[\\s\\S]{0,8}';

interface Compiled {
  pattern: RegExp;
  unless: string[];
}

const compiled = new WeakMap<CrisisTerm, Compiled>();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(term: CrisisTerm): Compiled {
  const cached = compiled.get(term);
  if (cached) return cached;
  const source = term.term
    .split(/(\{\w+\}|…)/)
    .map((part) => {
      if (part === '…') return GAP;
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === 'n') return COUNT;
      if (name !== undefined) {
        const words = crisisClasses[name];
        if (!words) throw new Error(`crisis term "${term.term}" uses unknown class {${name}}`);
        return `(?:${words.map((w) => escape(normalizeForMatching(w))).join('|')})`;
      }
      return escape(normalizeForMatching(part));
    })
    .join('');
  const result = { pattern: new RegExp(source, 'g'), unless: (term.unless ?? []).map(normalizeForMatching) };
  compiled.set(term, result);
  return result;
}

/** True when the occurrence [start, end) lies inside an occurrence of one of `phrases`. */
function covered(text: string, start: number, end: number, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => {
    for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
      if (at <= start && at + phrase.length >= end) return true;
    }
    return false;
  });
}

function firstMatch(text: string, term: CrisisTerm): string | undefined {
  const { pattern, unless } = compile(term);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (!covered(text, m.index, m.index + m[0].length, unless)) return m[0];
    pattern.lastIndex = m.index + 1;
  }
  return undefined;
}

/** Finds crisis words in free text; `crisis` is true when any term matches. */
export function detectCrisis(text: string, terms: readonly CrisisTerm[] = crisisTerms): CrisisResult {
  const normalized = normalizeForMatching(text);
  const matches: CrisisMatch[] = [];
  if (normalized) {
    for (const term of terms) {
      const hit = firstMatch(normalized, term);
      if (hit !== undefined) matches.push({ term: term.term, category: term.category, text: hit });
    }
  }
  return { crisis: matches.length > 0, matches };
}

/** The distinct categories of a result, in the order of `crisisCategories`. */
export function crisisCategoriesOf(result: CrisisResult): CrisisCategory[] {
  return crisisCategories.filter((c) => result.matches.some((m) => m.category === c));
}
