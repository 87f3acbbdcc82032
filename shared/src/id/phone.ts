/** Mainland China mobile numbers: 11 digits starting 13–19, as residents type them. */

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * Normalises a typed mobile number: drops spaces, dashes, dots and brackets and a leading
 * +86 / 0086 / 86 country code. Returns null unless an 11-digit mainland mobile remains.
 */
export function normalizeMobile(raw: string): string | null {
  let s = raw.replace(/[\s\-.()（）]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.startsWith('86') && s.length === 13) s = s.slice(2);
  return MOBILE.test(s) ? s : null;
}

/** True when `raw` is a mainland mobile number after normalisation. */
export function isMainlandMobile(raw: string): boolean {
  return normalizeMobile(raw) !== null;
}
