import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../dates';
import type { HardshipType, Priority, UrgentNeed } from '../contract/enums';
import { largestAmountYuan, triage, type TriageInput } from './triage';
import ownCases from './triage-cases.json';

interface Labelled {
  type: HardshipType;
  urgentNeeds: UrgentNeed[];
  description: string;
  priority: Priority;
  /** Days between the hardship and the application; 1 (yesterday) as eval-triage.mjs sends. */
  daysAgo?: number;
  nonLocal?: boolean;
}

const NOW = new Date('2026-11-23T10:00:00+08:00');
const daysAgo = (n: number) => shanghaiDate(new Date(NOW.getTime() - n * 86_400_000));
/** Files a labelled line the way eval-triage.mjs does: household of 3 earning 1000 a month. */
const run = (c: Labelled) =>
  triage(
    {
      hardshipType: c.type, urgentNeeds: c.urgentNeeds, description: c.description,
      occurredOn: daysAgo(c.daysAgo ?? 1), household: { size: 3, monthlyIncome: 1000 }, nonLocal: c.nonLocal ?? false,
    },
    NOW,
  );
const rank = { P1: 1, P2: 2, P3: 3 } as const;
const readJsonl = (file: string) =>
  readFileSync(join(process.cwd(), file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Labelled);
const devCases = readJsonl('test/fixtures/triage-dev.jsonl');

describe('triage on the labelled sets', () => {
  it.each(devCases.map((c) => [c.priority, c.description, c] as const))('dev: %s %s', (want, _d, c) => {
    expect(run(c).priority).toBe(want);
  });

  it('gets every case of our own labelled set right, and never under-triages one', () => {
    const cases = ownCases as Labelled[];
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const misses = cases.map((c) => ({ want: c.priority, got: run(c).priority, text: c.description })).filter((m) => m.got !== m.want);
    expect(misses.filter((m) => rank[m.got] > rank[m.want])).toEqual([]);
    expect(misses).toEqual([]);
  });
});

/**
 * Held-out sets written before the rules they measure were tuned (see each file): colloquial
 * applications as residents type them on a phone. Every P1 must be caught and nothing may come
 * out lower than its label; exact agreement must stay high (over-triage costs only exactness).
 */
describe.each([
  ['test/fixtures/triage-heldout.jsonl', 120],
  ['test/fixtures/triage-heldout-2.jsonl', 60],
])('triage on the held-out set %s', (file, size) => {
  const cases = readJsonl(file);
  const results = cases.map((c) => ({ want: c.priority, got: run(c).priority, text: c.description }));

  it('has the labelled cases, with about 40% P1', () => {
    expect(cases).toHaveLength(size);
    const p1 = cases.filter((c) => c.priority === 'P1').length / cases.length;
    expect(p1).toBeGreaterThan(0.35);
    expect(p1).toBeLessThan(0.45);
  });

  it('catches every P1', () => {
    expect(results.filter((r) => r.want === 'P1' && r.got !== 'P1')).toEqual([]);
  });

  it('never triages a case lower than its label', () => {
    expect(results.filter((r) => rank[r.got] > rank[r.want])).toEqual([]);
  });

  it('agrees exactly on at least 90% of the cases', () => {
    const exact = results.filter((r) => r.got === r.want).length;
    expect(exact / results.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('triage rules', () => {
  const base: TriageInput = { hardshipType: 'other', urgentNeeds: [], description: '' };
  const t = (input: Partial<TriageInput>) => triage({ ...base, ...input }, NOW);
  const codes = (input: Partial<TriageInput>) => t(input).reasons.map((r) => r.code);

  it('makes the crisis of the resident-contract check P1 (fire, shelter tonight, a small child)', () => {
    const r = t({ hardshipType: 'fire', urgentNeeds: ['shelter', 'food'], description: '家里着火了，今晚没地方住，孩子还小', occurredOn: daysAgo(1) });
    expect(r.priority).toBe('P1');
    expect(r.crisis.crisis).toBe(true);
  });

  it('does not make a cash-only routine request P1', () => {
    expect(t({ urgentNeeds: ['cash'], description: '想申请一点生活补助' }).priority).toBe('P3');
  });

  it('takes food, shelter or safety ticked as urgent as needed today unless the text says it can wait', () => {
    expect(t({ urgentNeeds: ['food'], description: '家里困难' }).reasons[0]).toMatchObject({ code: 'NEED_FOOD_NOW', priority: 'P1' });
    expect(t({ urgentNeeds: ['shelter'], description: '家里困难' }).priority).toBe('P1');
    expect(t({ urgentNeeds: ['food'], description: '家里吃的只够这个月了' }).priority).toBe('P2');
    expect(t({ urgentNeeds: ['shelter'], description: '下个月房子到期' }).priority).toBe('P2');
  });

  it.each<[string, Partial<TriageInput>, string]>([
    ['self-harm words', { description: '不想活了' }, 'CRISIS_SELF_HARM'],
    ['no food', { description: '家里断粮了' }, 'CRISIS_NO_FOOD'],
    ['violence', { description: '他又打我了' }, 'CRISIS_VIOLENCE'],
    ['a child alone', { description: '孩子一个人在家' }, 'CRISIS_CHILD_ALONE'],
    ['a medical emergency', { description: '人晕倒了叫不醒' }, 'CRISIS_MEDICAL_EMERGENCY'],
    ['shelter needed by a stranded person', { hardshipType: 'stranded', urgentNeeds: ['shelter'], occurredOn: daysAgo(0) }, 'NEED_SHELTER_TONIGHT'],
    ['shelter needed after a fire yesterday', { hardshipType: 'fire', urgentNeeds: ['shelter'], occurredOn: daysAgo(1) }, 'NEED_SHELTER_TONIGHT'],
    ['food needed with no money at all', { urgentNeeds: ['food'], description: '身上一分钱都没有了' }, 'NEED_FOOD_NOW'],
    ['safety needed by a crime victim', { hardshipType: 'crime_victim', urgentNeeds: ['safety'], occurredOn: daysAgo(2) }, 'NEED_SAFETY_NOW'],
    ['child care needed while the parent is in hospital', { urgentNeeds: ['child_care'], description: '我住院了' }, 'NEED_CARE_NOW'],
    ['a stranded person without money', { hardshipType: 'stranded', description: '钱包被偷了', occurredOn: daysAgo(0) }, 'STRANDED_NO_MONEY'],
  ])('gives P1 for %s', (_what, input, code) => {
    const r = t(input);
    expect(r.priority).toBe('P1');
    expect(r.reasons.map((x) => x.code)).toContain(code);
  });

  it.each<[string, Partial<TriageInput>, string]>([
    ['a recent emergency', { hardshipType: 'traffic_accident', occurredOn: daysAgo(10) }, 'RECENT_EMERGENCY'],
    ['an emergency named in the text', { description: '儿子出了车祸' }, 'RECENT_EMERGENCY'],
    ['a serious illness', { hardshipType: 'medical_expense', description: '母亲尿毒症要透析' }, 'MEDICAL'],
    ['a big medical bill', { hardshipType: 'medical_expense', description: '看病花了五万多' }, 'MEDICAL_COST'],
    ['lost income', { hardshipType: 'lost_income' }, 'LOST_INCOME'],
    ['no income in the text', { description: '两口子都失业了' }, 'NO_INCOME'],
    ['a household income of 0', { household: { size: 2, monthlyIncome: 0 } }, 'NO_INCOME'],
    ['a home about to be lost', { description: '房东让月底前搬走' }, 'HOUSING_AT_RISK'],
    ['a shelter need that is not for tonight', { urgentNeeds: ['shelter'], description: '想租个便宜点的房子' }, 'NEED_SHELTER'],
    ['shelter needed after a fire when staying with relatives', { hardshipType: 'fire', urgentNeeds: ['shelter'], occurredOn: daysAgo(3), description: '现在借住在亲戚家' }, 'NEED_SHELTER'],
    ['a food need the text says can wait', { hardshipType: 'lost_income', urgentNeeds: ['food'], description: '这个月吃饭都紧巴巴' }, 'NEED_FOOD'],
    ['a care need without anything pressing', { urgentNeeds: ['elderly_care'], description: '老人需要照顾' }, 'NEED_CARE'],
  ])('gives P2 for %s', (_what, input, code) => {
    const r = t(input);
    expect(r.priority).toBe('P2');
    expect(r.reasons.map((x) => x.code)).toContain(code);
  });

  it.each<[string, Partial<TriageInput>, string]>([
    ['a dependant alone after the carer is suddenly gone', { description: '哥哥是残疾人，一直跟着我妈，我妈昨天住院了，他一个人在家没人管' }, 'DEPENDANT_ALONE'],
    ['heating cut in the cold with a frail person at home', { description: '煤气欠费被停了，屋里冷得很，奶奶八十多了' }, 'COLD_EXPOSURE'],
    ['a baby freezing without a cut named', { description: '出租屋没有暖气，宝宝冻得直哭' }, 'COLD_EXPOSURE'],
    ['a home lost today', { description: '房东今天不让住了，东西都在门外' }, 'HOME_LOST_TODAY'],
    ['a minor missing since yesterday', { description: '女儿十五岁，昨天放学就没回家，同学都说不知道' }, 'CHILD_MISSING'],
    ['an old person living alone who cannot be reached', { description: '我爸一个人住在老家，这两天打电话都打不通' }, 'ALONE_UNREACHABLE'],
    ['dialysis that cannot go ahead', { hardshipType: 'medical_expense', description: '父亲尿毒症，医院说透析欠费了先停着' }, 'TREATMENT_STOPPED'],
    ['a pregnant woman in pain', { description: '老婆怀孕六个月，肚子一直疼，家里没人' }, 'PREGNANCY_DANGER'],
  ])('gives P1 for %s', (_what, input, code) => {
    const r = t(input);
    expect(r.priority).toBe('P1');
    expect(r.reasons.map((x) => x.code)).toContain(code);
  });

  it.each<[string, Partial<TriageInput>, string]>([
    ['heating about to be cut', { description: '暖气费没交，供暖公司说下个月要停' }, 'UTILITY_CUT'],
    ['debt collectors pressing', { description: '网贷还不上，催收天天打电话' }, 'DEBT_PRESSURE'],
    ['an illness or injury now', { description: '孩子这几天一直发烧，没钱看病' }, 'MEDICAL'],
    ['child care needed only next week', { urgentNeeds: ['child_care'], description: '下礼拜我要住院，孩子没人照顾' }, 'CRISIS_CHILD_ALONE'],
    ['a medical emergency already treated', { hardshipType: 'sudden_illness', description: '丈夫心梗抢救过来了，现在病情稳定，欠了医院三万' }, 'CRISIS_MEDICAL_EMERGENCY'],
    ['a home destroyed with somewhere to stay', { hardshipType: 'natural_disaster', urgentNeeds: ['shelter'], description: '房子被洪水冲垮了，现在住在亲戚家' }, 'CRISIS_NO_SHELTER'],
    ['a stranded person with somewhere to stay', { hardshipType: 'stranded', description: '钱包被偷了，暂时住在老乡宿舍' }, 'NO_INCOME'],
  ])('gives P2 for %s', (_what, input, code) => {
    const r = t(input);
    expect(r.priority).toBe('P2');
    expect(r.reasons.find((x) => x.code === code)?.priority).toBe('P2');
  });

  it.each([
    ['低保标准是多少', 'other', []],
    ['孩子下学期学费还差一些', 'education_expense', ['cash']],
    ['去年住院花了钱，想申请点补助', 'medical_expense', []],
    ['以前孩子走丢过一次，后来找回来了，想问问防走失手环', 'other', []],
    ['老公以前喝酒打人，后来戒了，现在对我挺好，问问低保', 'other', []],
    ['前年发大水淹过房子，后来修好了', 'natural_disaster', []],
    ['前几年得过脑梗，现在恢复得挺好，每月吃点药', 'medical_expense', []],
    ['冬天取暖费挺贵的，想问问补贴', 'other', ['cash']],
  ] as const)('keeps a routine request routine: %s', (description, hardshipType, urgentNeeds) => {
    expect(t({ description, hardshipType, urgentNeeds, occurredOn: daysAgo(1) }).priority).toBe('P3');
  });

  it('keeps an old story open when it is happening again', () => {
    expect(t({ description: '以前他打我，后来好了，昨天又打了' }).priority).toBe('P1');
    expect(t({ description: '孩子以前走丢过一次，后来找回来了，今天又跑出去了，到现在没回来，他才九岁' }).priority).toBe('P1');
  });

  it('never discounts self-harm words, even in an old story', () => {
    expect(t({ description: '以前想过自杀，后来好多了' }).priority).toBe('P1');
  });

  it('treats an emergency more than 90 days old as routine', () => {
    const r = t({ hardshipType: 'fire', occurredOn: daysAgo(200), description: '想申请修房子的补助' });
    expect(r.priority).toBe('P3');
    expect(r.reasons.map((x) => x.code)).toEqual(['EVENT_NOT_RECENT', 'ROUTINE']);
  });

  it('does not treat an event the text dates to last month as happening now', () => {
    expect(t({ hardshipType: 'natural_disaster', urgentNeeds: ['shelter'], occurredOn: daysAgo(1), description: '上个月暴雨冲坏了房子' }).priority).toBe('P2');
  });

  it('counts an application with no occurredOn as recent (it cannot rule the danger out)', () => {
    expect(t({ hardshipType: 'fire', urgentNeeds: ['shelter'] }).priority).toBe('P1');
  });

  it('gives ROUTINE with a Chinese message when nothing is urgent', () => {
    expect(t({ hardshipType: 'education_expense', description: '孩子上大学学费不够' }).reasons).toEqual([
      { code: 'ROUTINE', priority: 'P3', message: '未发现危及生命安全或紧急的情况，按常规程序办理' },
    ]);
  });

  it('lists every reason, most urgent first, and takes the priority of the first', () => {
    const r = t({ hardshipType: 'sudden_illness', urgentNeeds: ['child_care', 'medical'], occurredOn: daysAgo(0), description: '我突发脑梗住院，孩子一个人在家' });
    expect(r.priority).toBe('P1');
    expect(r.reasons.map((x) => x.priority)).toEqual([...r.reasons.map((x) => x.priority)].sort());
    expect(codes({ hardshipType: 'sudden_illness', urgentNeeds: ['child_care', 'medical'], occurredOn: daysAgo(0), description: '我突发脑梗住院，孩子一个人在家' }))
      .toEqual(['CRISIS_CHILD_ALONE', 'NEED_CARE_NOW', 'RECENT_EMERGENCY', 'MEDICAL']);
    for (const reason of r.reasons) expect(reason.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('quotes the crisis words it found for staff', () => {
    expect(t({ description: '家里已经断粮了' }).reasons[0]?.message).toContain('“断粮”');
  });

  it('is deterministic: the same application gives the same answer', () => {
    const input = { hardshipType: 'stranded', urgentNeeds: ['shelter', 'food'], description: '钱包被偷了，今晚没地方住' } as const;
    expect(t(input)).toEqual(t(input));
  });
});

describe('largestAmountYuan', () => {
  it.each([
    ['欠了医院三万块', 30_000],
    ['花了二十多万', 200_000],
    ['十几万', 120_000],
    ['自付5000元', 5000],
    ['欠了3.5万', 35_000],
    ['要好几万', 20_000],
    ['上万块', 10_000],
    ['千万别告诉别人', 0],
    ['孩子8岁，3个月没收入', 0],
  ])('%s → %i', (text, yuan) => {
    expect(largestAmountYuan(text)).toBe(yuan);
  });
});
