/**
 * Resident identity number (公民身份号码) per GB 11643-1999: 6-digit address code, 8-digit
 * birth date, 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check
 * character. Pure; `today` is an argument so results never depend on the clock.
 */
import { isIsoDate } from '../dates';

/** First two digits (province level of GB/T 2260) that an ID number may start with. */
export const provinceCodes: Readonly<Record<string, string>> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
  '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
  '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
  '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
  '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
  '71': '台湾', '81': '香港', '82': '澳门',
  // Residence permits of Taiwan residents use 83 (830000); HK and Macao permits use 81/82.
  '83': '台湾',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Birth years before this are treated as typing errors. */
const EARLIEST_BIRTH_YEAR = 1900;

export type IdNumberErrorCode =
  | 'ID_LENGTH'
  | 'ID_FORMAT'
  | 'ID_PROVINCE'
  | 'ID_BIRTH_DATE'
  | 'ID_BIRTH_FUTURE'
  | 'ID_CHECK_DIGIT';

export type IdNumberResult =
  | {
      ok: true;
      /** The number as it should be stored: no spaces, check character upper-case. */
      value: string;
      birthDate: string;
      sex: 'male' | 'female';
      provinceCode: string;
      /** The 6-digit address code (region of first registration, not of residence). */
      addressCode: string;
    }
  | { ok: false; code: IdNumberErrorCode; reason: string };

/** Strips whitespace and upper-cases a trailing x, the forms residents commonly type. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** Validates an 18-character ID number; `today` is the local date `YYYY-MM-DD` (Asia/Shanghai). */
export function validateIdNumber(raw: string, today: string): IdNumberResult {
  const value = normalizeIdNumber(raw);
  if (value.length !== 18) {
    return { ok: false, code: 'ID_LENGTH', reason: `身份证号码应为18位，您填写的是${value.length}位` };
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, code: 'ID_FORMAT', reason: '身份证号码前17位应为数字，最后一位为数字或X' };
  }
  const provinceCode = value.slice(0, 2);
  if (!(provinceCode in provinceCodes)) {
    return { ok: false, code: 'ID_PROVINCE', reason: '身份证号码开头的地区代码不正确' };
  }
  const birth = value.slice(6, 14);
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!isIsoDate(birthDate) || Number(birth.slice(0, 4)) < EARLIEST_BIRTH_YEAR) {
    return { ok: false, code: 'ID_BIRTH_DATE', reason: '身份证号码中的出生日期不正确' };
  }
  if (birthDate > today) {
    return { ok: false, code: 'ID_BIRTH_FUTURE', reason: '身份证号码中的出生日期晚于今天' };
  }
  if (idCheckChar(value.slice(0, 17)) !== value.charAt(17)) {
    return { ok: false, code: 'ID_CHECK_DIGIT', reason: '身份证号码校验位不正确，请核对是否填错' };
  }
  return {
    ok: true,
    value,
    birthDate,
    sex: Number(value.charAt(16)) % 2 === 1 ? 'male' : 'female',
    provinceCode,
    addressCode: value.slice(0, 6),
  };
}
