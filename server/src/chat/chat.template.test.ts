import { describe, expect, it } from 'vitest';
import { createRegionDirectory, resolveRegionContext } from './chat.regions';
import { fillTemplate, placeholderValues } from './chat.template';
import { AS_OF } from './chat.test-support';
import { seedRegionData } from './eval';

const { regions, parameters } = seedRegionData();
const context = (code: string, asOf = AS_OF) => resolveRegionContext(regions, parameters, code, asOf)!;

describe('region context', () => {
  it('inherits the hotline and walks up to the parameters in force', () => {
    const town = context('610113001');
    expect(town.name).toBe('等驾坡街道');
    expect(town.hotline).toBe('12345');
    expect(town.params?.region).toBe('610100');
    expect(town.params?.effectiveFrom).toBe('2025-07-01');
    expect(context('610113', '2025-06-30').params?.effectiveFrom).toBe('2024-01-01');
  });

  it('has no parameters before any record and no context for an unknown code', () => {
    expect(context('610113', '2020-01-01').params).toBeUndefined();
    expect(resolveRegionContext(regions, parameters, '999999', AS_OF)).toBeUndefined();
  });

  it('finds a region named in a message, short names included', () => {
    const dir = createRegionDirectory(regions, parameters, AS_OF);
    expect(dir.match('那大连呢')?.code).toBe('210200');
    expect(dir.match('雁塔区的低保线是多少')?.code).toBe('610113');
    expect(dir.match('蓝田那边呢')?.code).toBe('610122');
    expect(dir.match('低保标准是多少')).toBeUndefined();
  });
});

describe('placeholders', () => {
  it('fills figures from the parameters: multiples of the urban standard, ceil to yuan', () => {
    const v = placeholderValues(context('610113'), '12345');
    expect(v['dibao.urban']).toBe('830');
    expect(v['dibao.rural']).toBe('580');
    expect(v['dibao.effectiveFrom']).toBe('2025年7月1日');
    expect(v['temporary.cap']).toBe('8300');
    expect(v['temporary.townshipLimit']).toBe('3320');
    expect(v['lowIncome.edgeLine']).toBe('1245');
    expect(v['tekun.basic']).toBe('1079');
    expect(v.hotline).toBe('12345');
  });

  it('uses the urban standard where the rural one is null', () => {
    const v = placeholderValues(context('210202'), '12345');
    expect(v['dibao.urban']).toBe('780');
    expect(v['dibao.rural']).toBe('780');
  });

  it('leaves out a line whose placeholder has no value and keeps the rest', () => {
    const text = fillTemplate('第一行\n{{region.name}}标准{{dibao.urban}}元\n拨打{{hotline}}', placeholderValues(undefined, '12345'));
    expect(text).toBe('第一行\n拨打12345');
  });
});
