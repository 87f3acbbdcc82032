// Fills {{placeholders}} of an answer from the asker's region and the parameter record
// in force. Money follows RULES.md §3: fen arithmetic, rates rounded half-up, amounts ceil.
import type { ChatParameters, RegionContext } from './chat.types';

type Values = Record<string, string | undefined>;

const fen = (yuan: number): number => Math.round(yuan * 100);
/** A per-year figure becomes per month, half-up to the fen (RULES.md §3). */
const monthlyFen = (value: number, per: 'month' | 'year' | undefined): number =>
  per === 'year' ? Math.round(fen(value) / 12) : fen(value);
const show = (f: number): string => (f % 100 === 0 ? String(f / 100) : (f / 100).toFixed(2));
const ceilYuan = (f: number): string => String(Math.ceil(f / 100));
const times = (rate: number, f: number): number => Math.round(rate * f);
const date = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

function parameterValues(p: ChatParameters, regionName: string): Values {
  const d = p.dibao;
  const su = monthlyFen(d.urban, d.urbanPer);
  const sr = d.rural === null ? su : monthlyFen(d.rural, d.ruralPer);
  const { assets: a, tekun: t, lowIncome: li, temporary: tp } = p;
  return {
    'dibao.urban': show(su),
    'dibao.rural': show(sr),
    'dibao.effectiveFrom': date(p.effectiveFrom),
    'dibao.example3': ceilYuan(Math.max(0, su * 3 - fen(1000))),
    'dibao.minimumMonthly': show(fen(d.minimumMonthly)),
    'dibao.gradualExitMonths': String(d.gradualExitMonths),
    'dibao.deduction': show(times(d.employmentDeductionRate, su)),
    'dibao.severeDisabledAdultAloneNote': d.severeDisabledAdultAlone
      ? `在${regionName}，成年、没有工作收入的重度残疾人，也可以单独申请。`
      : undefined,
    'assets.financialMonths': String(a.financialMonthsPerCapita),
    'assets.financialPerPerson': show(times(a.financialMonthsPerCapita, su)),
    'assets.carRule': a.carValueAllowance > 0
      ? `家里汽车价值在${show(fen(a.carValueAllowance))}元以内的不影响`
      : '家里有汽车的一般不符合（残疾人代步车、摩托车、农用车不算）',
    'assets.dwellingRule': `住房最多${a.maxDwellings}套`,
    'tekun.basic': ceilYuan(times(t.basicMultiplier, su)),
    'tekun.careText': `能自理的每月${show(fen(t.care.self))}元，部分不能自理的${show(fen(t.care.partial))}元，完全不能自理的${show(fen(t.care.full))}元`,
    'lowIncome.edgeMultiplier': String(li.edgeMultiplier),
    'lowIncome.edgeLine': show(times(li.edgeMultiplier, su)),
    'lowIncome.edgeLineRural': show(times(li.edgeMultiplier, sr)),
    'temporary.capMultiple': String(tp.capMultiple),
    'temporary.cap': ceilYuan(times(tp.capMultiple, su)),
    'temporary.townshipLimit': ceilYuan(times(tp.townshipLimitMultiple, su)),
  };
}

/** The placeholder values for a region (empty figures when it has no parameters in force). */
export function placeholderValues(region: RegionContext | undefined, defaultHotline: string): Values {
  const base: Values = { hotline: region?.hotline ?? defaultHotline };
  if (!region) return base;
  base['region.name'] = region.name;
  base['region.code'] = region.code;
  return region.params ? { ...base, ...parameterValues(region.params, region.name) } : base;
}

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/** Fills a template; a line with a placeholder that has no value is left out. */
export function fillTemplate(template: string, values: Values): string {
  const lines: string[] = [];
  for (const line of template.split('\n')) {
    let missing = false;
    const filled = line.replace(PLACEHOLDER, (_m, key: string) => {
      const v = values[key];
      if (v === undefined) missing = true;
      return v ?? '';
    });
    if (!missing && filled.trim()) lines.push(filled);
  }
  return lines.join('\n');
}

/** Placeholder names used in a template (for checks of the knowledge base). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
