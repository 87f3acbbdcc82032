import { describe, expect, it } from 'vitest';
import { isMainlandMobile, normalizeMobile } from './phone';

describe('normalizeMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-19912345678', '19912345678'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['（+86）13800138000', '13800138000'],
  ])('accepts %s as %s', (raw, want) => {
    expect(normalizeMobile(raw)).toBe(want);
  });

  it.each([
    ['a number starting 12', '12800138000'],
    ['ten digits', '1380013800'],
    ['twelve digits', '138001380001'],
    ['a landline', '029-88886666'],
    ['letters', '1380013800a'],
    ['an empty string', ''],
    ['another country code', '+85213800138000'],
  ])('refuses %s', (_what, raw) => {
    expect(normalizeMobile(raw)).toBeNull();
    expect(isMainlandMobile(raw)).toBe(false);
  });
});
