import { describe, expect, it } from 'vitest';
import { createAssistant, initialState } from './chat.engine';
import { seedEntries } from './chat.kb';
import { contextFor, converse, seedAssistant } from './chat.test-support';

const yanta = contextFor('610113');

const ask = (text: string, context = yanta) => seedAssistant().respond(initialState(), text, context);

describe('answers from the knowledge base', () => {
  it('says the 2026 standards of 610113 (830 urban, 580 rural) and its hotline', () => {
    const r = ask('低保标准是多少');
    expect(r.reply.topic).toBe('dibao.standard');
    expect(r.reply.text).toContain('830');
    expect(r.reply.text).toContain('580');
    expect(r.reply.text).toContain('12345');
    expect(r.reply.text).toContain('雁塔区');
    expect(r.reply.sources).toContainEqual({ title: '社会救助暂行办法', ref: '第十条' });
    expect(r.crisis).toBe(false);
    expect(r.handoff).toBe(false);
  });

  it('says 780 for 210202 (Dalian, standard from 2021-07-01)', () => {
    const r = ask('低保标准是多少', contextFor('210202'));
    expect(r.reply.text).toContain('780');
    expect(r.reply.text).not.toContain('830');
  });

  it('uses the record in force on the day: 800 and 550 in 2024', () => {
    const r = ask('低保标准是多少', contextFor('610113', '2024-06-01'));
    expect(r.reply.text).toContain('800');
    expect(r.reply.text).toContain('550');
  });

  it('turns a per-year rural standard into a monthly figure (蓝田县 5660/year)', () => {
    expect(ask('低保标准是多少', contextFor('610122')).reply.text).toContain('471.67');
  });

  it('fills caps of temporary assistance from the local standard', () => {
    const r = ask('临时救助最多能给多少钱');
    expect(r.reply.topic).toBe('temp.amount');
    expect(r.reply.text).toContain('8300');
    expect(r.reply.actions).toContainEqual({ type: 'open_apply' });
  });

  it('asks for the region when an answer needs a local figure, then answers for the region named', () => {
    const [first, second] = converse(['低保标准是多少', '蓝田县'], contextFor());
    expect(first!.reply.topic).toBe('dibao.standard');
    expect(first!.reply.text).toContain('区县');
    expect(first!.state.pendingEntryId).toBe('dibao-standard');
    expect(second!.reply.topic).toBe('dibao.standard');
    expect(second!.reply.text).toContain('蓝田县');
    expect(second!.reply.text).toContain('830');
  });

  it('understands colloquial and misspelt questions', () => {
    expect(ask('俺家中不中吃低保').reply.topic).toBe('dibao.eligibility');
    expect(ask('低宝标准多少钱').reply.topic).toBe('dibao.standard');
    expect(ask('临时救助要啥材料').reply.topic).toBe('temp.apply');
    expect(ask('單人保是什麼').reply.topic).toBe('dibao.single_person');
  });
});

describe('out of scope', () => {
  it.each(['明天天气怎么样', '帮我写个作文', '股票推荐', 'NBA总决赛谁赢了'])('declines %s politely', (text) => {
    const r = ask(text);
    expect(r.reply.topic).toBe('out_of_scope');
    expect(r.reply.text).toContain('低保');
    expect(r.reply.sources).toEqual([]);
    expect(r.handoff).toBe(false);
  });

  it('goes out of scope below the threshold instead of answering wrongly', () => {
    const strict = createAssistant(seedEntries(), { answerThreshold: 0.99, guessThreshold: 0.99 });
    const r = strict.respond(initialState(), '最近有什么新闻', yanta);
    expect(r.reply.topic).toBe('out_of_scope');
  });
});

describe('follow-ups', () => {
  it('resolves "那农村的呢" and "那大连呢" against the previous topic', () => {
    const [, rural, dalian] = converse(['低保标准是多少', '那农村的呢?', '那大连呢'], yanta);
    expect(rural!.reply.topic).toBe('dibao.standard');
    expect(rural!.reply.text.split('\n')[0]).toContain('农村');
    expect(rural!.reply.text.split('\n')[0]).toContain('580');
    expect(dalian!.reply.topic).toBe('dibao.standard');
    expect(dalian!.reply.text).toContain('大连市');
    expect(dalian!.reply.text).toContain('780');
    expect(dalian!.state.regionCode).toBe('210200');
  });

  it('keeps the region the conversation moved to for later answers', () => {
    const [, , cap] = converse(['低保标准是多少', '那大连呢', '临时救助最多能给多少钱'], yanta);
    expect(cap!.reply.topic).toBe('temp.amount');
    expect(cap!.reply.text).toContain('4680'); // 6 × 780 in Dalian, not 8300 as in 雁塔区
  });

  it('reads "要啥材料" as materials of the programme just discussed', () => {
    expect(converse(['低保标准是多少', '要啥材料'], yanta)[1]!.reply.topic).toBe('dibao.apply');
    expect(converse(['什么情况能申请临时救助', '要啥材料'], yanta)[1]!.reply.topic).toBe('temp.apply');
  });

  it('does not drag an unrelated new question into the last topic', () => {
    const [, thanks, status] = converse(['低保标准是多少', '谢谢', '怎么查申请进度'], yanta);
    expect(thanks!.reply.topic).toBe('smalltalk');
    expect(status!.reply.topic).toBe('case.status');
  });
});

describe('fallback and hand-over', () => {
  it('offers two guesses, and "1" / "第二个" picks one', () => {
    const [offer, pick] = converse(['材料', '1'], yanta);
    expect(offer!.reply.guesses).toHaveLength(2);
    expect(offer!.reply.text).toContain('您是想问');
    expect(offer!.reply.text).toContain('1. ');
    expect(offer!.state.misunderstood).toBe(1);
    expect(pick!.reply.topic).toBe(offer!.reply.guesses![0]!.topic);
    expect(pick!.reply.guesses).toBeUndefined();
    expect(pick!.state.misunderstood).toBe(0);
    const [offer2, second] = converse(['材料', '第二个'], yanta);
    expect(second!.reply.topic).toBe(offer2!.reply.guesses![1]!.topic);
  });

  it('hands over after two misunderstood turns in a row, with the hotline meanwhile', () => {
    const [offer, again] = converse(['材料', '都不是'], yanta);
    expect(offer!.handoff).toBe(false);
    expect(again!.handoff).toBe(true);
    expect(again!.reply.actions.map((a) => a.type)).toEqual(['handoff', 'call_hotline']);
    expect(again!.reply.text).toContain('12345');
    const [, vague] = converse(['材料', '政策'], yanta);
    expect(vague!.handoff).toBe(true);
  });

  it('hands over on request and then stays silent', () => {
    const [handoff, later] = converse(['转人工', '低保标准是多少'], yanta);
    expect(handoff!.reply.topic).toBe('human.handoff');
    expect(handoff!.handoff).toBe(true);
    expect(handoff!.reply.actions).toContainEqual({ type: 'handoff' });
    expect(handoff!.reply.actions).toContainEqual({ type: 'call_hotline', phone: '12345' });
    expect(later!.handoff).toBe(true);
    expect(later!.reply.topic).toBe('human.handoff');
    expect(later!.reply.text).toContain('工作人员');
    expect(later!.reply.text).not.toContain('830');
  });
});

describe('crisis first', () => {
  it.each(['我不想活了', '家里已经两天没吃饭了，孩子饿得直哭', '老公喝醉了打我，我带着孩子跑出来了', '我被赶出来了，今晚没地方睡'])(
    'leads %s with the hotline and a call_hotline action',
    (text) => {
      const r = ask(text);
      expect(r.crisis).toBe(true);
      expect(r.reply.text.split('\n')[0]).toContain('12345');
      expect(r.reply.actions[0]).toEqual({ type: 'call_hotline', phone: '12345' });
    },
  );

  it('detects a crisis written in traditional characters', () => {
    expect(ask('我被趕出來了，今晚沒地方睡').crisis).toBe(true);
    expect(ask('家裡已經兩天沒飯吃了').crisis).toBe(true);
  });

  it('keeps the topic of a crisis message that asks something specific', () => {
    const r = ask('家里今天就揭不开锅了，能马上给点帮助吗');
    expect(r.crisis).toBe(true);
    expect(r.reply.topic).toBe('temp.pre_rescue');
  });

  it('still raises a crisis after hand-over', () => {
    const [, later] = converse(['转人工', '我不想活了'], yanta);
    expect(later!.crisis).toBe(true);
    expect(later!.handoff).toBe(true);
    expect(later!.reply.actions[0]).toEqual({ type: 'call_hotline', phone: '12345' });
  });

  it('does not flag ordinary questions', () => {
    expect(ask('低保标准是多少').crisis).toBe(false);
    expect(ask('临时救助怎么申请').crisis).toBe(false);
  });
});

describe('search', () => {
  it('lists the best entries for an operator query', () => {
    const hits = seedAssistant().search('单人保 条件', 3);
    expect(hits[0]!.topic).toBe('dibao.single_person');
    expect(hits.length).toBeLessThanOrEqual(3);
  });
});

describe('state', () => {
  it('is plain JSON that survives a round trip', () => {
    const [r] = converse(['低保标准是多少'], yanta);
    const copy = JSON.parse(JSON.stringify(r!.state));
    const next = seedAssistant().respond(copy, '那农村的呢', yanta);
    expect(next.reply.topic).toBe('dibao.standard');
    expect(next.state.turns).toBe(2);
  });

  it('reports a confidence in [0, 1]', () => {
    for (const text of ['低保标准是多少', '材料', '今天天气怎么样', '我不想活了']) {
      const c = ask(text).reply.confidence;
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });
});
