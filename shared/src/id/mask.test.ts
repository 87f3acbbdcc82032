import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张小明', '张*明'],
    ['欧阳小明', '欧**明'],
    ['张', '*'],
    [' 李四 ', '李*'],
    ['阿依古丽·买买提', '阿******提'],
    ['', ''],
  ])('masks %s as %s', (name, want) => {
    expect(maskName(name)).toBe(want);
  });

  it('counts a rare character outside the BMP as one character', () => {
    expect(maskName('王𠀋明')).toBe('王*明');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 characters of an 18-character number', () => {
    expect(maskIdNumber('610113198001011234')).toBe('6101**********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks short input entirely rather than reveal most of it', () => {
    expect(maskIdNumber('12345678')).toBe('********');
  });
});

describe('maskPhone', () => {
  it.each([
    ['13800138000', '138****8000'],
    ['+86 138 0013 8000', '138****8000'],
    ['029-88886666', '029****6666'],
  ])('masks %s as %s', (raw, want) => {
    expect(maskPhone(raw)).toBe(want);
  });

  it('masks very short input entirely', () => {
    expect(maskPhone('12345')).toBe('*****');
  });
});
