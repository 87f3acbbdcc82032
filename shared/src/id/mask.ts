/**
 * Masking of personal data for lists, logs of staff views and the public notice (公示).
 * Characters are counted by code point so rare-character names are not split.
 */
import { normalizeMobile } from './phone';

/** 张三→张*, 张小明→张*明, 欧阳小明→欧**明; a one-character name becomes *. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Keeps the first 4 and last 4 characters: 6101**********1234. Short input is fully masked. */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber.replace(/\s+/g, ''));
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
}

/** Keeps the first 3 and last 4 digits of a mobile: 138****8000. Other input is fully masked. */
export function maskPhone(phone: string): string {
  const s = normalizeMobile(phone) ?? phone.replace(/[\s-]/g, '');
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}
