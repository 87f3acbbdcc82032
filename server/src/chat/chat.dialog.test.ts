import { describe, expect, it } from 'vitest';
import { isSlotOnly, parsePick, slotOf } from './chat.dialog';

const titles = ['怎么申请低保（地点、材料、流程）', '怎么申请临时救助（渠道、材料、流程）'];

describe('parsePick', () => {
  it.each([
    ['1', 0], ['一', 0], ['第一个', 0], ['第1个吧', 0], ['选1', 0], ['前面那个', 0],
    ['2', 1], ['第二个', 1], ['二', 1], ['后面那个', 1],
    ['都不是', 'none'], ['不是', 'none'], ['两个都不对', 'none'],
    ['怎么申请临时救助', 1],
    ['低保标准是多少', undefined],
  ] as const)('reads %s as %s', (text, want) => {
    expect(parsePick(text, titles)).toBe(want);
  });

  it('takes a yes as the only guess', () => {
    expect(parsePick('是的', [titles[0]!])).toBe(0);
    expect(parsePick('2', [titles[0]!])).toBeUndefined();
  });
});

describe('slots of a follow-up', () => {
  it.each([
    ['那农村的呢?', 'rural', true],
    ['城里的呢', 'urban', true],
    ['农村的要什么材料', 'rural', false],
    ['那大连呢', undefined, true],
  ] as const)('%s → slot %s, slot-only %s', (text, slot, only) => {
    expect(slotOf(text)).toBe(slot);
    expect(isSlotOnly(text, text.includes('大连') ? '大连市' : undefined)).toBe(only);
  });
});
