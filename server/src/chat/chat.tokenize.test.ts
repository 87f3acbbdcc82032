import { describe, expect, it } from 'vitest';
import { normalize } from './chat.normalize';
import { tokenize } from './chat.tokenize';

describe('tokenize', () => {
  it.each([
    ['低保标准是多少', '低保'],
    ['什么是单人保', '单独'], // 单人保 stays one word, mapped to its concept
    ['临时救助怎么申请', '临时救助'],
    ['特困人员怎么认定', '特困'],
    ['五保户现在叫什么', '特困'],
    ['残疾人两项补贴是什么', '两项补贴'],
    ['高龄津贴多少钱', '高龄津贴'],
    ['什么是低保渐退', '渐退'],
    ['什么是先行救助', '先行救助'],
    ['刚性支出困难家庭', '刚性支出'],
  ])('keeps the domain word of %s whole', (text, word) => {
    expect(tokenize(text).words).toContain(word);
  });

  it('does not split 低保 into 低 and 保', () => {
    const { words } = tokenize('我们家能不能吃低保');
    expect(words).toContain('低保');
    expect(words).not.toContain('低');
    expect(words).not.toContain('保');
  });

  it.each([
    ['家里着火了咋办', '怎么办'],
    ['低保要啥材料', '低保要什么材料'],
    ['俺能不能吃低保', '我能不能申请低保'],
    ['中不中吃低保', '能不能申请低保'],
    ['我老汉病了', '我父亲病了'],
    ['娃上学没钱', '孩子上学没钱'],
  ])('turns the colloquial %s into standard Chinese', (text, expected) => {
    expect(normalize(text).replace(/\s+/g, '')).toContain(expected);
  });

  it('folds full width and traditional characters', () => {
    expect(normalize('低保標準是多少？')).toBe('低保标准是多少');
    expect(normalize('ＡＢＣ１２３４５')).toBe('abc12345');
    expect(normalize('臨時救助怎麼申請')).toContain('临时救助');
  });

  it.each([
    ['低宝标准是多少', '低保'],
    ['底保怎么申请', '低保'],
    ['临时就助怎么办', '临时救助'],
    ['单人包是什么', '单独'],
    ['特捆人员', '特困'],
  ])('repairs the typo in %s', (text, word) => {
    expect(tokenize(text).words).toContain(word);
  });

  it('keeps character bigrams so an unknown misspelling still shares pieces', () => {
    expect(tokenize('低保标准').bigrams).toEqual(expect.arrayContaining(['低保', '标准']));
  });

  it('maps intent phrases to one concept word', () => {
    expect(tokenize('办了低保每个月到手多少').words).toContain('领多少');
    expect(tokenize('退休工资算不算收入').words).toContain('算收入');
    expect(tokenize('我的申请批下来没有').words).toContain('批了没');
  });
});
