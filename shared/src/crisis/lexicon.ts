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
 * `unless` lists longer phrases in which the term is harmless (跳楼 in 跳楼价, 动手 in 动手术);
 * they may use {name} and … too ('{food}…快没了': food running out soon is not gone today).
 * 的 and 得 match each other in terms, as residents mix them up (饿的 / 饿得).
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
  elder: ['老人', '老母亲', '老父亲', '母亲', '父亲', '我妈', '我爸', '老妈', '老爸', '老娘', '老伴', '奶奶', '爷爷', '姥姥', '姥爷', '外婆', '外公', '婆婆', '公公', '病人',
    '俺妈', '俺爹', '俺娘', '俺爸', '老汉', '老头', '老太太', '老母', '大伯', '大爷', '大娘'],
  /** Poisons and pills people take to end their life. */
  poison: ['农药', '敌敌畏', '百草枯', '老鼠药', '毒鼠强', '除草剂', '安眠药', '安定片'],
  /** Places outside where people end up spending the night. */
  outdoors: ['公园', '长椅', '车站', '火车站', '汽车站', '候车室', '广场', '桥洞', '桥下', '桥底', '地下通道', '楼道', '网吧',
    '路边', '马路', '街上', '街头', '大街', '屋檐下', '医院门口', '医院走廊', '车里', '野外', '门口'],
  /** A home (the building). */
  home: ['房子', '屋子', '房屋', '住房', '土房', '瓦房', '平房', '屋顶', '房顶', '家里房'],
  /** Threatened bodily harm (in threats: 卸一条腿, 打断手). */
  limb: ['腿', '胳膊', '手', '脚'],
  /** The one writing (I, we), in plain and dialect forms. */
  me: ['我', '俺', '咱', '我们', '俺们', '咱们', '我和孩子', '我跟孩子', '我们娘俩'],
  /** People who commonly abuse someone at home or close to it. */
  abuser: ['老公', '丈夫', '男人', '对象', '前夫', '前男友', '男朋友', '老婆', '媳妇', '婆娘', '那口子', '公公', '婆婆', '继父',
    '后爸', '后妈', '儿子', '他爸', '孩子爸', '娃他爸', '包工头', '老板'],
  /** What people ready to end their life say they have prepared. */
  means: ['刀', '绳子', '绳', '药', '农药', '安眠药', '炭', '木炭', '遗书'],
  /** Edges people go to when they think of ending it. */
  edge: ['河边', '江边', '湖边', '水库边', '井边', '楼顶', '天台', '桥上', '崖边', '铁轨'],
  /** A newborn. */
  newborn: ['刚出生', '出生才', '新生儿', '没满月', '刚满月', '才满月', '月子里的'],
  /** A woman who is pregnant. */
  pregnant: ['怀孕', '孕妇', '怀着', '身孕', '大肚子', '怀了'],
};

const group = (category: CrisisCategory, terms: ReadonlyArray<string | [string, readonly string[]]>): CrisisTerm[] =>
  terms.map((t) => (typeof t === 'string' ? { term: t, category } : { term: t[0], category, unless: t[1] }));

const ALONE = ['一个人在家', '独自在家', '单独在家', '一个人留在家', '锁在家', '反锁在家', '锁在屋', '锁屋里', '关在屋'];
const NO_CARER = ['没人照顾', '没人照看', '没人照料', '没人看管', '没有人照顾', '无人照顾', '无人照料', '无人看管', '无人监护',
  '没人管', '没有人管', '无人管', '谁也不管', '谁都不管', '没人送饭', '没人做饭'];
const NO_CARER_KID = ['没人看', '没人带', '没人喂', '没人问'];
/** 孩子他爸 / 娃他妈 …: a parent named through the child, not the child. */
const KID_PARENT = ['他爸', '她爸', '他妈', '她妈', '的爸', '的妈', '爸', '妈', '爹', '娘'];

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
    ['急救', ['紧急救助', '急救助', '应急救']], '打120', '叫120', '拨打120', '救护车', '急需手术', '马上手术', '等着手术', '等着做手术', '没钱做手术',
    '交不起手术费', '不交钱不给治', '不给治', '不给看病', '停止治疗', '放弃治疗', '停药', '断药', '{lifeMed}…用完',
    '{lifeMed}…打完', '{lifeMed}…吃完', '{lifeMed}…没了', '{lifeMed}…断了', '没钱买{lifeMed}', '迷迷糊糊', '神志不清',
    '意识模糊', '没钱透析', '停止透析', '透析停了', '断了透析', '等着救命',
  ]),
  // added for the chat assistant (phrasings residents use in chat)
  ...group('self_harm', ['喝药的心']),
  ...group('no_shelter', ['睡在桥洞', '住在桥洞']),
  ...group('violence', ['浑身是伤', '遍体鳞伤']),

  // Generalised from colloquial applications: synonyms, word order, dialect and typos.
  ...group('self_harm', [
    '喝了…{poison}', '吃了…{poison}', '吞了…{poison}', '喝{poison}', '割了腕', '活着…太累', '活得…太累', '活着好累', '活得好累',
    '活着真累', '活着真没意思', '活着没盼头', '没有盼头', '没盼头', '站在楼顶', '爬上楼顶', '上了楼顶', '站在天台', '爬上天台',
    '站在桥上', '想从…跳', '活着…添麻烦', '活着…拖累', '活着…是负担', '是个负担', '是个拖累', '想去…没人的地方',
    '{means}…准备好了', '{means}…买好了', '{means}…攒好了', '别劝我', '划…{limb}', '{limb}…划了', '划…手腕', '割…手腕', '拿…刀…划',
    '拖累全家', '拖累家里', '拖累大家', '就是个废物', '今晚…了结', '把…都了结',
    ['扛不住', ['生意扛不住', '店扛不住', '厂扛不住', '公司扛不住', '身体扛不住']], '差点…下去', '差点…跳', '{edge}…坐了', '{edge}…站了',
    '{edge}…半宿', '{edge}…一晚上', '活头', '活着…啥意思', '活着…什么意思', '活着…啥盼头', '下辈子再', '来世再', ['撑不住', ['生意撑不住', '店撑不住', '厂撑不住', '公司撑不住', '身体撑不住']],
    '死了…省心', '死了…解脱', '想了结', '留遗言',
  ]),
  ...group('no_food', [
    '吃的都没', '吃的也没', '吃的全没', '{food}都没有', '{food}也没有', '{food}…全没了', '没吃啥', '没吃什么东西', '没吃上饭',
    '没吃上一口', '{n}夜没吃', '到现在…没吃', '就喝了…水', '只喝…水', '喝水充饥', '充饥', '捡…菜叶', '捡…剩饭', '捡…剩菜',
    '翻垃圾', '锅都揭不开', '一粒粮', '没有一点{food}', '没一点{food}', '一点{food}都没', '{food}也完了', '{food}都完了',
    '{food}…光了', '面也完了', '面也没了', '面都没了', '面也吃完', ['{kid}…饿', ['{kid}…饿着肚子也', '{kid}…饿不饿']],
  ]),
  ...group('no_shelter', [
    '睡…{outdoors}', '{outdoors}…过夜', '{outdoors}…过了一夜', '今晚…{outdoors}', '今晚…在外面',
    '蹲在{outdoors}', '在{outdoors}…蹲着', '{outdoors}…打地铺', '门口打地铺', '门口过夜', '拖着行李', '提着行李', '行李…在路边',
    '行李…扔在', '在{outdoors}…坐着', '房东…换…锁', '{abuser}…换…锁', '被…换了锁', '锁换了…进不', '把锁换了…进不', '东西…扔出来', '东西…扔出去',
    '撵出', '轰出来', '被…赶了出来', '不让…进门', '不让…进屋', '今天…必须搬', '今天…就得搬', '今晚…必须搬', '今晚…就得搬',
    '马上…搬走', '被强拆', '房子…封了', ['{home}…塌了', ['{home}…快塌了', '{home}…要塌了', '{home}…怕…塌了', '{home}…会塌了']],
    '{home}…烧光', '{home}…烧没', '{home}…冲走', '{home}…冲垮', '{home}…冲没', '{home}…埋了', '不知道住哪', '没地方去了',
    '没处去了', '无处可住', '住不起旅馆',
  ]),
  ...group('child_alone', [
    ...['自己在家', '自个在家', '自个儿在家', '一个人在屋', '独自在屋', '没人给吃', '没人给…吃', '没人给…饭', '没人给…喝', '没人喂饭']
      .flatMap((a) => [`{kid}…${a}`, `{frail}…${a}`, `{elder}…${a}`]),
    ...['离家出走', '一夜没回', '一晚上没回', '整晚没回', '一宿没回', '还没找着', '还没找到', '没找着'].map((a): [string, string[]] =>
      [`{kid}…${a}`, [...KID_PARENT.map((p) => `{kid}${p}…${a}`), `{kid}…${a}过`]]),
    '{elder}…没找着', '{elder}…还没找到', '{elder}…不见了', '{elder}…没人接', '{elder}…不接电话',
    ['{kid}…被…骗走', ['{kid}…被…骗走了…钱']], '{kid}…被…拐', '{kid}…被…抱走', '{elder}…一个人…摔', '敲门…不开', '敲门…没人应', '喊…没人应',
  ]),
  ...group('violence', [
    ['打了我', ['打了我…电话', '打了我…手机']], '打的我', '把我打', '对我动手', ['又打了', ['又打了…电话', '又打了…针', '又打了…工', '又打了…手机']],
    '又打人', '打{kid}', ['掐着', ['掐着点']], '掐住', '揪…头发', '撞墙', '推下', '烫我', '鼻青脸肿', '打得…青', '打得…紫',
    '打得…流血', '打得…骨折', '打得…住院', '卸…{limb}', '打断…{limb}', '废了你', '废了我', '弄残', '弄死你', ['打死我', ['打死我也']],
    '打死你', '砍死', '捅死', '砍你', '杀了你', '杀你全家', '放火烧', '烧了你家', '烧了我家', '泼汽油', '收拾我', '收拾你',
    '找人…打我', '找人…收拾', '找人…砍', '叫人…打我', '带人…闹', '带人…收拾', '带人…打', '见不到明天', '要我的命', '要你的命',
    '要了我的命', '不让我走', '不让我出门', '把我锁', '扣着…身份证', '扣了…身份证', '摔东西', '掀桌子', '拿…刀…找', '拿…刀…砍',
    '躲在厕所', '躲在卫生间', '躲在…屋里', '锁在卫生间', '锁在厕所', ['被{abuser}…打', ['被{abuser}…打…电话', '被{abuser}…打发', '被{abuser}…打过']],
    ['{abuser}…打了', ['{abuser}…打了…电话', '{abuser}…打了…工', '{abuser}…打了…针', '{abuser}…打了…钱', '{abuser}…打了…欠条', '{abuser}…打了…招呼', '{abuser}…打了…疫苗']], '打了…肚子', '踢…肚子',
    ['被他…打', ['被他…打发', '被他…打电话']], ['被她…打', ['被她…打发', '被她…打电话']], '青一块紫一块', '血印', '身上都是伤',
    '一身伤', '都砸了', '砸门', '砸窗', '{abuser}…砸了', '要弄我', '说要弄', '把{me}关', '把{me}锁', '关着{me}', '不让{me}出', '偷偷用…手机', '偷偷…发的',
  ]),
  ...group('medical_emergency', [
    ['说不出话', ['气得说不出话', '激动得说不出话', '感动得说不出话']], '突然…半边', '半边…突然', '突然…半身', '嘴歪',
    '口眼歪斜', '突然倒在', '倒地不起', '倒下…起不来', ['见红', ['股市见红', '开门见红']], '破水', '羊水破', '流了…血',
    ['好多血', ['抽了好多血']], '一地血', '一身血', '满头是血', '满脸是血', '满身是血', '浑身是血', '头破血流', '骨头…露',
    '开放性骨折', '一直流血', '血一直', '断了药', ['药…断了', ['药…快断了']], ['抽了{n}回', ['抽了{n}回血']],
    ['抽了{n}次', ['抽了{n}次血']], '癫痫…发作', '犯了癫痫', '羊角风', '羊癫疯', '被蛇咬', '蛇咬了', '掉…河里', '掉…水里',
    '掉…井里', '掉进…冰', '落水', '不给做了', '不给做透析', '透析…不给做', '透析…做不了', '透析…没法做', '不给…透析', '要停药',
    '烧到四十', '烧到40', '发烧…四十度', '发烧…40度', '高烧…四十', '高烧…40', '脸色发紫', '嘴唇紫', '不会动了', '叫不应',
    '喊不醒', '喊不应', '吐了…血', '咳血', '疼得…打滚', '疼晕', '痛晕', '喊…不答应', '叫…不答应', '喊…没反应', '叫…没反应',
    '没反应了', '{newborn}…黄疸', '{newborn}…发烧', '{newborn}…不吃', '{newborn}…呼吸', '{newborn}…抽', '栽倒', '一头栽', '叫…不吭', '喊…不吭', '叫…不吱声', '喊…不吱声', '嘴角…流口水', '吃了一把', '吞了一把',
    '一把…药', '迷糊了', '现在迷糊', '人迷糊', '不吃奶', '{n}天…不吃不喝', '一直不吃不喝', '{kid}…蔫', '{limb}…压断', '{limb}…砸断', '压断…{limb}', '砸断…{limb}',
    '抬不下来', '被洪水困', '被水困', '被雪困', '困在…山', '困在…水', '困在…楼',
    '煤气…漏', '燃气…漏', '天然气…漏', '嘴唇…紫', '脸…紫了', '发烧…抽筋', '高烧…抽筋', '烧得…抽', '胸口闷', '胸闷得', '心口闷',
    ['一身冷汗', ['吓出一身冷汗', '吓得一身冷汗']], '直冒冷汗', '{pregnant}…肚子疼', '{pregnant}…肚子痛', '{pregnant}…流血',
    '{pregnant}…出血', '{pregnant}…被打',
  ]),
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
  unless: RegExp[];
}

const compiled = new WeakMap<CrisisTerm, Compiled>();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regular-expression source of a term or an `unless` phrase. */
function source(term: string): string {
  return term
    .split(/(\{\w+\}|…)/)
    .map((part) => {
      if (part === '…') return GAP;
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === 'n') return COUNT;
      if (name !== undefined) {
        const words = crisisClasses[name];
        if (!words) throw new Error(`crisis term "${term}" uses unknown class {${name}}`);
        return `(?:${words.map((w) => literal(w)).join('|')})`;
      }
      return literal(part);
    })
    .join('');
}

/** A literal part of a term; 的 and 得 stand for each other. */
const literal = (part: string) => escape(normalizeForMatching(part)).replace(/[的得]/g, '[的得]');

function compile(term: CrisisTerm): Compiled {
  const cached = compiled.get(term);
  if (cached) return cached;
  const result = { pattern: new RegExp(source(term.term), 'g'), unless: (term.unless ?? []).map((u) => new RegExp(source(u), 'g')) };
  compiled.set(term, result);
  return result;
}

/** True when the occurrence [start, end) lies inside an occurrence of one of `phrases`. */
function covered(text: string, start: number, end: number, phrases: readonly RegExp[]): boolean {
  return phrases.some((phrase) => {
    // Every occurrence that starts at or before `start`, not only the first one.
    for (let from = 0; from <= start; ) {
      phrase.lastIndex = from;
      const m = phrase.exec(text);
      if (!m || m.index > start) return false;
      if (m.index + m[0].length >= end) return true;
      from = m.index + 1;
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
