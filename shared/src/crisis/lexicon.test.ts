import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crisisCategoriesOf, crisisClasses, crisisTerms, detectCrisis, normalizeForMatching, type CrisisCategory, type CrisisTerm } from './lexicon';

const categoriesOf = (text: string) => crisisCategoriesOf(detectCrisis(text));

describe('detectCrisis finds danger to life or safety', () => {
  it.each<[string, CrisisCategory]>([
    ['我不想活了', 'self_harm'],
    ['实在活不下去了', 'self_harm'],
    ['有时候真想死', 'self_harm'],
    ['他说要去跳楼', 'self_harm'],
    ['我婆婆说要喝农药', 'self_harm'],
    ['想一了百了', 'self_harm'],
    ['活不哈去咧', 'self_harm'],
    ['药都攒好了', 'self_harm'],
    ['想带着孩子一起走', 'self_harm'],
    ['家里断粮了', 'no_food'],
    ['两天没吃饭了', 'no_food'],
    ['饿了好几天', 'no_food'],
    ['家里今天就揭不开锅了', 'no_food'],
    ['俺家三天没开火了', 'no_food'],
    ['就剩半袋挂面了', 'no_food'],
    ['今晚没地方住', 'no_shelter'],
    ['只能睡大街', 'no_shelter'],
    ['一家人无家可归', 'no_shelter'],
    ['被房东赶出来了', 'no_shelter'],
    ['被老公赶出家门', 'no_shelter'],
    ['房子烧没了', 'no_shelter'],
    ['今晚带着娃不知道去哪', 'no_shelter'],
    ['8岁的孩子一个人在家', 'child_alone'],
    ['家里瘫痪的老母亲两天没人送饭了', 'child_alone'],
    ['两个孩子在家谁也不管', 'child_alone'],
    ['孩子他爸把孩子扔下跑了', 'child_alone'],
    ['丈夫经常打我', 'violence'],
    ['今天又动手了', 'violence'],
    ['长期遭受家暴', 'violence'],
    ['他威胁要杀了我', 'violence'],
    ['我带着孩子躲在外面', 'violence'],
    ['说不还钱就让我好看', 'violence'],
    ['爸爸晕倒了叫不醒', 'medical_emergency'],
    ['胰岛素用完了没钱买', 'medical_emergency'],
    ['医院说不交钱不给治', 'medical_emergency'],
    // Colloquial and dialect phrasings, other word orders, typos.
    ['刀都准备好了，你们别劝', 'self_harm'],
    ['昨晚在江边站了一晚上', 'self_harm'],
    ['活着还有啥意思', 'self_harm'],
    ['俺真扛不住了', 'self_harm'],
    ['他喝了半瓶农药', 'self_harm'],
    ['拿小刀划自己胳膊', 'self_harm'],
    ['娃饿的直哭', 'no_food'],
    ['吃的都没了', 'no_food'],
    ['一天一夜没吃', 'no_food'],
    ['这两天靠捡剩菜', 'no_food'],
    ['昨晚睡在地下通道', 'no_shelter'],
    ['今晚只能在网吧凑合', 'no_shelter'],
    ['房东把锁换了进不去', 'no_shelter'],
    ['拖着行李不知道住哪', 'no_shelter'],
    ['屋子被泥石流埋了', 'no_shelter'],
    ['俩娃自己在家', 'child_alone'],
    ['瘫痪的大伯没人给做饭', 'child_alone'],
    ['儿子昨天离家出走', 'child_alone'],
    ['老母亲电话一直没人接', 'child_alone'],
    ['被她后妈打', 'violence'],
    ['他把俺关在屋里', 'violence'],
    ['要债的说要卸我一条腿', 'violence'],
    ['找人来收拾我', 'violence'],
    ['老板扣着身份证不让我走', 'violence'],
    ['老汉突然栽倒，叫他也不吭声', 'medical_emergency'],
    ['怀孕八个月肚子疼', 'medical_emergency'],
    ['流了一地血', 'medical_emergency'],
    ['癫痫药断了', 'medical_emergency'],
    ['透析欠费医院不给做了', 'medical_emergency'],
    ['新生儿黄疸越来越重', 'medical_emergency'],
    ['孩子吃了一把降压药', 'medical_emergency'],
    ['燃气好像漏了', 'medical_emergency'],
  ])('%s → %s', (text, category) => {
    expect(categoriesOf(text)).toContain(category);
  });

  it('keeps a negated statement a crisis: we err on the side of crisis', () => {
    expect(detectCrisis('我不是想自杀，就是太累了').crisis).toBe(true);
    expect(detectCrisis('没有想过轻生').crisis).toBe(true);
  });

  it('normalises full-width letters, spaces and punctuation before matching', () => {
    expect(detectCrisis('我　不 想 活 了！！').crisis).toBe(true);
    expect(detectCrisis('不想，活了').crisis).toBe(true);
    expect(detectCrisis('ＳＵＩＣＩＤＥ').crisis).toBe(true);
    expect(normalizeForMatching('Ａｂｃ １２３，你好！')).toBe('abc123你好');
  });

  it('reports the term, its category and the text that matched', () => {
    expect(detectCrisis('家里已经两天没吃饭了').matches).toContainEqual({ term: '{n}天没吃', category: 'no_food', text: '两天没吃' });
  });
});

describe('detectCrisis leaves ordinary questions alone', () => {
  it.each([
    '低保标准是多少',
    '临时救助怎么申请',
    '我不想活动太多，腿脚不好',
    '商场跳楼价大甩卖',
    '父亲下周要动手术',
    '有事打我电话',
    '孩子上学没人接送，想找个托管班',
    '有人威胁举报人怎么办',
    '我一个人没工作，能办低保吗',
    '家里有个瘫痪的老人，护理补贴怎么申请',
    '父母都在坐牢的孩子谁来管，有补助吗',
    '老房子漏雨想修一下，钱不够',
    '去年老伴住院花了不少钱',
    '有没有紧急救助',
    '疫情期间不让出门，低保怎么申请',
    '电梯坏了被困了半小时',
    '老板打了欠条还不给钱',
    '老公打了电话说不回来吃饭',
    '我们单位不让出去办事',
    '被老板打发回家了',
    '手机被没收了怎么查进度',
    '压断的树枝砸坏了车',
    '门锁坏了换了锁',
    '老房子快塌了，危房改造怎么申请',
    '找人打听一下低保政策',
    '公司突然倒闭了',
    '不知道去哪办低保',
    '孩子他爸联系不上，离婚手续怎么办',
    '股市见红了',
    '抽了两次血检查身体',
    '我姐姐离家出走过，现在回来了',
    '怀孕了能申请什么补助',
    '晚上在车站接人',
    '流浪乞讨人员怎么救助',
    '',
  ])('%s', (text) => {
    expect(detectCrisis(text)).toEqual({ crisis: false, matches: [] });
  });

  it('still matches a term elsewhere in the text when one occurrence is harmless', () => {
    expect(detectCrisis('有事打我电话，他昨天又打我了').crisis).toBe(true);
  });

  it('agrees with every labelled question of chat-dev.jsonl', () => {
    const lines = readFileSync(join(process.cwd(), 'test/fixtures/chat-dev.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
    const wrong = lines
      .map((l) => JSON.parse(l) as { text: string; crisis?: boolean })
      // Unlabelled questions are not crises, except the one that says the family has no food today.
      .map((c) => ({ ...c, want: c.crisis ?? c.text.includes('揭不开锅') }))
      .filter((c) => detectCrisis(c.text).crisis !== c.want)
      .map((c) => c.text);
    expect(wrong).toEqual([]);
  });
});

describe('the term list', () => {
  const sample = (term: string) =>
    term.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'n' ? '两' : (crisisClasses[name]?.[0] ?? ''))).replaceAll('…', '');

  it('has every category and every term matches a text written from it', () => {
    expect(new Set(crisisTerms.map((t) => t.category)).size).toBe(6);
    const dead = crisisTerms.filter((t) => !detectCrisis(sample(t.term), [t]).crisis).map((t) => t.term);
    expect(dead).toEqual([]);
  });

  it('has no duplicate terms', () => {
    const seen = crisisTerms.map((t) => `${t.category}:${t.term}`);
    expect(seen.length).toBe(new Set(seen).size);
  });

  it('can be extended with a new term', () => {
    const extra: CrisisTerm = { term: '冻得受不了', category: 'no_shelter' };
    expect(detectCrisis('晚上冻得受不了').crisis).toBe(false);
    crisisTerms.push(extra);
    try {
      expect(detectCrisis('晚上冻得受不了').matches).toEqual([{ term: '冻得受不了', category: 'no_shelter', text: '冻得受不了' }]);
    } finally {
      crisisTerms.splice(crisisTerms.indexOf(extra), 1);
    }
  });

  it('lets `unless` phrases use word classes and gaps', () => {
    const term: CrisisTerm = { term: '{food}…没了', category: 'no_food', unless: ['{food}…快没了'] };
    expect(detectCrisis('奶粉快没了', [term]).crisis).toBe(false);
    expect(detectCrisis('奶粉已经没了', [term]).crisis).toBe(true);
    expect(detectCrisis('米快没了，面也没了', [{ ...term, term: '面…没了' }]).crisis).toBe(true);
  });

  it('matches 的 and 得 for each other', () => {
    expect(detectCrisis('孩子饿的哇哇哭').crisis).toBe(true);
    expect(detectCrisis('冻得受不了', [{ term: '冻的受不了', category: 'no_shelter' }]).crisis).toBe(true);
  });

  it('refuses a term that names an unknown word class', () => {
    expect(() => detectCrisis('x', [{ term: '{nobody}没人管', category: 'child_alone' }])).toThrow(/unknown class/);
  });
});
