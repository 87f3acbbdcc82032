import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, seedAssistant } from './chat.test-support';
import { evaluate, readCases, summary } from './eval';

const file = (name: string) => resolve(import.meta.dirname, '../../../test/fixtures', name);

describe('evaluation', () => {
  it('scores at least 95% topic and 100% crisis on the dev set', () => {
    const r = evaluate(seedAssistant(), readCases(file('chat-dev.jsonl')), AS_OF);
    expect(r.topicTotal).toBeGreaterThan(100);
    expect(r.topicHits / r.topicTotal, r.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(r.crisisHits, r.misses.join('\n')).toBe(r.crisisTotal);
    expect(summary(r)).toMatch(/^chat: topic \d+\/\d+ \(\d+\.\d%\), crisis \d+\/\d+$/);
  });

  it('scores at least 95% topic and 100% crisis on the own set, which shares no line with the dev set', () => {
    const dev = new Set(readCases(file('chat-dev.jsonl')).map((c) => c.text));
    const own = readCases(file('chat-own.jsonl'));
    expect(own.length).toBeGreaterThanOrEqual(300);
    expect(own.filter((c) => dev.has(c.text))).toEqual([]);
    const r = evaluate(seedAssistant(), own, AS_OF);
    expect(r.topicHits / r.topicTotal, r.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(r.crisisHits, r.misses.join('\n')).toBe(r.crisisTotal);
  });
});
