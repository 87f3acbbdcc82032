// Chinese tokenisation for the assistant: jieba with the domain's words, concept
// synonyms (so 存款 and 积蓄 meet), and character bigrams so typos still match.
import { readFileSync } from 'node:fs';
import { add_word, cut } from 'jieba-wasm';
import { INTENT_WORDS, normalize } from './chat.normalize';

/** Domain words jieba must keep whole. */
export const DOMAIN_WORDS = [
  '低保', '低保户', '低保金', '低保线', '低保边缘', '最低生活保障',
  '特困', '特困人员', '特困供养', '五保', '五保户', '供养', '集中供养', '分散供养', '敬老院',
  '临时救助', '急难型', '支出型', '先行救助', '先救助', '单人保', '渐退', '渐退期',
  '低收入', '低收入家庭', '边缘户', '刚性支出', '分类施保', '一事一议',
  '残疾人', '残疾证', '两项补贴', '护理补贴', '生活补贴', '重度残疾', '重残', '重病', '大病', '尿毒症',
  '高龄津贴', '高龄补贴', '长寿补贴', '孤儿', '事实无人抚养', '无人抚养',
  '一次性', '物价', '救助站', '救助管理站', '流浪', '乞讨', '流浪汉', '要饭', '讨饭', '走失', '迷路',
  '医疗救助', '教育救助', '大病保险', '医保', '住院费', '医药费', '学费', '助学金',
  '转人工', '人工客服', '人工服务', '真人', '客服', '工作人员',
  '公示', '复核', '复查', '核查', '行政复议', '行政诉讼', '复议', '驳回', '不服', '异议',
  '举报', '骗保', '骗领', '关系保', '人情保', '优亲厚友', '村干部',
  '民政局', '民政', '民政所', '民政办', '街道办', '乡镇', '居委会', '村委会', '社区',
  '户口', '户口本', '身份证', '居住证', '外地户口', '农民工', '本地户口', '外地人',
  '进度', '到账', '审批', '热线', '12345', '个人信息', '隐私',
  '着火', '失火', '火灾', '车祸', '被车撞', '揭不开锅', '没饭吃', '断粮', '没钱回家', '回不了家',
  '存款', '存折', '积蓄', '轿车', '小汽车', '私家车', '房产',
  '救助款', '补助款', '救济金', '救助金', '零工', '打零工', '养老金', '退休金', '基础养老金', '赡养费', '抚恤金',
  '奖学金', '就业成本', '交通费',
];

/** Compound words also emit their parts, so 临时救助 meets 救助 and 医疗救助 meets 看病. */
const PARTS: Record<string, string[]> = {
  临时救助: ['救助'], 医疗救助: ['医疗', '救助'], 教育救助: ['上学', '救助'], 先行救助: ['救助'],
  护理补贴: ['护理', '补贴'], 生活补贴: ['生活', '补贴'], 重度残疾: ['重度', '残疾'], 重残: ['重度', '残疾'],
  高龄津贴: ['高龄', '补贴'], 高龄补贴: ['高龄', '补贴'], 长寿补贴: ['高龄', '补贴'],
  事实无人抚养: ['无人抚养'], 打零工: ['零工', '工资'], 基础养老金: ['养老金'],
  残疾证: ['残疾'], 残疾人: ['残疾'], 两项补贴: ['补贴'], 外地户口: ['户口'], 本地户口: ['户口'], 大病保险: ['医保'],
};

/** Surface word → concept word; applied to tokens of both the knowledge base and questions. */
const CONCEPTS: Record<string, string> = {
  五保: '特困', 五保户: '特困', 特困人员: '特困', 特困供养: '特困', 特困户: '特困',
  单人保: '单独', 单人户: '单独', 单独纳入: '单独',
  白血病: '重病', 癌症: '重病', 尿毒症: '重病', 脑梗: '重病', 中风: '重病', 心梗: '重病', 肿瘤: '重病', 大病: '重病',
  重大疾病: '重病', 重特大疾病: '重病', 绝症: '重病', 脑溢血: '重病',
  揭不开锅: '没饭吃', 断粮: '没饭吃', 断顿: '没饭吃', 没米下锅: '没饭吃',
  没钱回家: '回不了家', 回不去家: '回不了家',
  低保户: '低保', 低保金: '低保', 最低生活保障: '低保',
  低保线: '标准', 救助标准: '标准',
  低保边缘: '边缘', 边缘户: '边缘', 低收入家庭: '低收入',
  救助管理站: '救助站', 要饭: '乞讨', 讨饭: '乞讨', 流浪汉: '流浪', 流浪者: '流浪',
  高龄补贴: '高龄津贴', 长寿补贴: '高龄津贴', 老年补贴: '高龄津贴', 高寿: '高龄',
  转人工: '人工', 人工客服: '人工', 人工服务: '人工', 真人: '人工', 客服: '人工',
  资料: '材料', 证件: '材料', 证明: '材料', 手续: '材料',
  积蓄: '存款', 存折: '存款', 储蓄: '存款',
  汽车: '车', 小车: '车', 轿车: '车', 小汽车: '车', 私家车: '车', 车子: '车',
  房子: '房产', 住房: '房产', 楼房: '房产', 房屋: '房产',
  失火: '火灾', 着火: '火灾', 起火: '火灾',
  交通事故: '车祸', 被车撞: '车祸', 撞车: '车祸',
  外省: '外地', 异地: '外地', 外地人: '外地', 外地户口: '外地', 非本地: '外地',
  看病: '医疗', 住院: '医疗', 住院费: '医疗', 医药费: '医疗', 医疗费: '医疗', 治病: '医疗', 就医: '医疗', 药费: '医疗',
  读书: '上学', 念书: '上学', 上大学: '上学', 助学: '上学', 学杂费: '学费',
  反映: '投诉', 申诉: '投诉', 告状: '投诉',
  揭发: '举报', 检举: '举报', 告发: '举报',
  热线: '电话', 号码: '电话', 联系方式: '电话',
  隐私: '个人信息',
  复查: '核查', 检查: '核查', 审查: '核查', 年审: '核查', 复核: '核查', 核实: '核查',
  公布: '公示', 张榜: '公示',
  停发: '取消', 停了: '取消', 退出: '取消', 减发: '取消', 停掉: '取消',
  渐退期: '渐退', 先救助: '先行救助',
  紧急: '急', 着急: '急', 急事: '急', 急需: '急',
  老人家: '老人', 老年人: '老人', 老头: '老人', 老太太: '老人',
  小孩: '孩子', 儿童: '孩子', 子女: '孩子', 小孩子: '孩子',
  父亲: '爸', 爸爸: '爸', 母亲: '妈', 妈妈: '妈', 老爸: '爸', 老妈: '妈',
  咨询: '问', 请问: '问', 打听: '问', 办理: '申请', 申办: '申请', 打电话: '电话', 需要: '要', 得要: '要',
  补助: '补贴', 津贴: '补贴',
  补助金: '救助金', 救助款: '救助金', 补助款: '救助金', 救济金: '救助金', 救济款: '救助金',
  困难户: '困难', 困难群众: '困难', 困难家庭: '困难', 贫困户: '困难',
  钱数: '多少钱', 金额: '多少钱',
  何时: '什么时候', 啥时候: '什么时候', 哪天: '什么时候',
  哪儿: '哪里', 哪个地方: '哪里', 什么地方: '哪里', 在哪: '哪里', 去哪: '哪里',
  如何: '怎么', 怎样: '怎么', 怎么样: '怎么',
};

/** Concept words that show a question is about assistance or this service at all. */
const DOMAIN_SIGNAL = new Set([
  '低保', '低保户', '特困', '孤寡', '边缘', '低收入', '刚性支出', '救助', '临时救助', '先行救助', '急难型', '支出型',
  '单独', '渐退', '分类施保', '一事一议', '补贴', '两项补贴', '残疾', '残疾人', '残疾证', '高龄', '高龄津贴', '孤儿',
  '无人抚养', '一次性', '救助站', '流浪', '乞讨', '民政', '民政局', '街道乡镇', '公示', '核查', '复议', '行政复议',
  '投诉', '举报', '骗领', '关系保', '人情保', '优亲厚友', '进度', '到账', '批了没', '没通过', '没消息', '领多少',
  '算收入', '代办', '外地', '灾害', '意外', '人工', '个人信息', '泄露', '供养', '敬老院', '医疗救助', '教育救助',
  '医保', '大病', '重病', '申请', '审批', '困难', '没饭吃', '回不了家', '火灾', '车祸', '户口', '收入', '存款',
  '条件', '哪些人', '取消', '养老金', '赡养费', '抚恤金', '学费', '助学金', '电话', '尿毒症', '重度', '护理',
  '低保线', '标准', '多给', '物价', '医疗', '上学', '待遇', '政策', '帮扶', '补差', '急', '救急', '父母不在',
  '不服', '材料', '看病', '家庭成员', '人口', '报销', '住院', '过节', '边缘', '救助金', '孤儿', '先行救助',
]);

/** Words that name a programme; a question naming one seldom asks about another. */
const PROGRAMS: Record<string, readonly string[]> = {
  dibao: ['低保', '低保户', '算收入', '单独', '渐退'],
  tekun: ['特困', '孤寡', '供养'],
  low_income: ['边缘', '低收入', '刚性支出'],
  temp: ['临时救助', '先行救助', '急难型', '支出型'],
  medical: ['医疗', '医疗救助', '医保', '大病保险'],
  education: ['上学', '学费', '教育救助', '助学金', '教育'],
  disability: ['残疾人', '残疾', '残疾证', '两项补贴', '护理补贴'],
  elderly: ['高龄', '高龄津贴'],
  orphan: ['孤儿', '无人抚养', '父母不在'],
  price: ['物价', '一次性', '价格'],
  homeless: ['流浪', '乞讨', '救助站'],
};
const PROGRAM_OF = new Map<string, string>();
for (const [program, words] of Object.entries(PROGRAMS)) for (const w of words) PROGRAM_OF.set(w, program);

/** The programmes a question names (by topic prefix: dibao, temp …). */
export function programsOf(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    const p = PROGRAM_OF.get(w);
    if (p) out.add(p);
  }
  return out;
}

/** True when a topic belongs to one of the named programmes' families. */
export function isProgramTopic(topic: string): boolean {
  return topic.split('.')[0]! in PROGRAMS;
}

/** True when a token shows the question is within the assistant's domain. */
export function isDomainWord(word: string): boolean {
  return DOMAIN_SIGNAL.has(word);
}

/** Tokens too common to carry meaning. Question words stay: they tell how from how much. */
const STOP = new Set([
  '的', '了', '吗', '呢', '啊', '吧', '呀', '哦', '哈', '么', '着', '过', '和', '与', '及', '或', '就', '都', '也',
  '还', '又', '很', '太', '我', '我们', '我家', '你', '你们', '您', '他', '她', '它', '他们', '她们', '这', '那',
  '这个', '那个', '这些', '那些', '个', '一下', '一个', '请', '想', '问', '知道', '了解', '下', '是', '在', '给',
  '被', '把', '让', '从', '对', '跟', '嗯', '额', '哎', '唉', '喂', '就是', '然后', '还有', '那么', '如果', '要是',
  '得', '地', '吗', '呢', '啦', '一', '些', '人家', '有人', '自己', '现在', '目前', '咱们', '里', '上', '中',
]);

/** Bigrams holding a particle carry nothing. */
const PARTICLE = /[的了吗呢啊吧呀哦哈么嗯额]/;

let jiebaReady = false;
let general: Map<string, number> | undefined;

/**
 * Inverse document frequency of a word in general Chinese (jieba's table, common words only:
 * data/general-idf.txt keeps idf < 10, the range where it changes anything); undefined if rarer.
 */
export function generalIdf(word: string): number | undefined {
  if (!general) {
    general = new Map();
    const text = readFileSync(new URL('./data/general-idf.txt', import.meta.url), 'utf8');
    for (const line of text.split('\n')) {
      if (line.startsWith('#')) continue;
      const sp = line.indexOf(' ');
      if (sp > 0) general.set(line.slice(0, sp), Number(line.slice(sp + 1)));
    }
  }
  return general.get(word);
}

/**
 * Segments with jieba (jieba-wasm: the standard dictionary in WebAssembly, no native binary)
 * after adding the domain's words once per process, so 低保 and 临时救助 stay whole.
 */
export function jiebaCut(text: string): string[] {
  if (!jiebaReady) {
    for (const w of [...DOMAIN_WORDS, ...INTENT_WORDS, ...Object.keys(CONCEPTS)]) add_word(w, 200000, 'n');
    jiebaReady = true;
  }
  return cut(text, false);
}

export interface Tokens {
  /** Normalised text. */
  text: string;
  /** Content words mapped to concepts, in order, duplicates kept. */
  words: string[];
  /** Parts of compound words (临时救助 → 救助): they count, but less. */
  parts: string[];
  /** Character bigrams of the content (function characters removed). */
  bigrams: string[];
}

/** Maps one word to its concept. */
export function concept(word: string): string {
  return CONCEPTS[word] ?? word;
}

/** Normalises and tokenises a question into concept words and character bigrams. */
export function tokenize(raw: string): Tokens {
  const text = normalize(raw);
  const words: string[] = [];
  const parts: string[] = [];
  if (text) {
    for (const w of jiebaCut(text)) {
      if (w === ' ' || STOP.has(w)) continue;
      words.push(concept(w));
      for (const p of PARTS[w] ?? []) parts.push(concept(p));
    }
  }
  const bigrams: string[] = [];
  for (const run of text.split(' ')) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      const bg = chars[i]! + chars[i + 1]!;
      if (!PARTICLE.test(bg)) bigrams.push(bg);
    }
  }
  return { text, words, parts, bigrams };
}
