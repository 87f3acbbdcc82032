/**
 * Money in fen (integer hundredths of a yuan) with the rounding RULES.md §3 prescribes.
 * Binary floating point cannot hold 0.3 or 1234.565 exactly, so every product of a rate and an
 * amount goes through the decimal digits JavaScript prints for the number: 0.3 × 83000 fen is
 * 3 × 83000 / 10, never 0.3 * 83000. All results are exact while they stay safe integers.
 */

/** The largest number of decimal places a rate may have; params.ts enforces it on input. */
export const MAX_RATE_DECIMALS = 7;

/** A non-negative finite number as `digits / 10^scale`, read from its shortest decimal form. */
export interface Decimal {
  negative: boolean;
  digits: number;
  scale: number;
}

/** The exact decimal a finite number stands for, e.g. 0.3 → 3 / 10^1, 1e-7 → 1 / 10^7. */
export function toDecimal(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const negative = x < 0;
  const abs = Math.abs(x);
  if (Number.isSafeInteger(abs)) return { negative, digits: abs, scale: 0 };
  // Computed values such as 0.1 + 0.2 print 17 digits; 15 significant digits drop the artefact.
  let text = String(abs);
  if (text.replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length > 15) text = abs.toPrecision(15);
  const [mantissa = '0', exponentText = '0'] = text.split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  let digits = Number(whole + trimmed);
  let scale = trimmed.length - Number(exponentText);
  if (scale < 0) {
    digits *= 10 ** -scale;
    scale = 0;
  }
  return { negative, digits, scale };
}

/** `numerator / denominator` rounded half-up (half away from zero), both integers. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`cannot divide ${numerator} by ${denominator} exactly`);
  }
  const negative = numerator < 0 !== denominator < 0;
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  let q = Math.floor(n / d);
  let r = n - q * d;
  // The float quotient can be one off for very large n; the remainder puts it right.
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  if (2 * r >= d) q += 1;
  return negative ? -q : q;
}

/**
 * `digits / 10^e / divisor` rounded half-up, exactly, for an `e` so large that 10^e is not a
 * safe integer (say 5e-324 yuan): long division on the decimal digits, no BigInt (the
 * mini-program's target has none).
 */
function divideByPowerOfTen(digits: number, e: number, divisor: number): number {
  const text = String(digits).padStart(e + 1, '0');
  const q = Number(text.slice(0, text.length - e));
  const fraction = text.slice(text.length - e);
  const whole = Math.floor(q / divisor);
  const need = divisor - 2 * (q - whole * divisor);
  // Round up when 2 × (rest + fraction) ≥ divisor, with 0 ≤ fraction < 1.
  const up = need <= 0 || (need === 1 && fraction.charAt(0) >= '5');
  return whole + (up ? 1 : 0);
}

/** Yuan to fen rounded half-up; with `divisor` (e.g. 12 for a yearly figure) divides first, exactly. */
export function yuanToFen(yuan: number, divisor = 1): number {
  const { negative, digits, scale } = toDecimal(yuan);
  let fen: number;
  if (scale <= 2) fen = divRoundHalfUp(digits * 10 ** (2 - scale), divisor);
  else if (Number.isSafeInteger(divisor * 10 ** (scale - 2))) fen = divRoundHalfUp(digits, divisor * 10 ** (scale - 2));
  else fen = divideByPowerOfTen(digits, scale - 2, divisor);
  return negative ? -fen : fen;
}

/** `rate × fen` rounded half-up to the fen, computed on the rate's exact decimal digits. */
export function mulRate(rate: number, fen: number): number {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be whole fen: ${fen}`);
  const { negative, digits, scale } = toDecimal(rate);
  if (scale > MAX_RATE_DECIMALS) throw new RangeError(`rate has more than ${MAX_RATE_DECIMALS} decimals: ${rate}`);
  const pow = 10 ** scale;
  const amount = Math.abs(fen);
  // amount × (whole + part/pow) = amount × whole + high × part + low × part / pow,
  // with amount = high × pow + low; every partial product stays a safe integer.
  const whole = Math.floor(digits / pow);
  const part = digits - whole * pow;
  const high = Math.floor(amount / pow);
  const low = amount - high * pow;
  const result = amount * whole + high * part + divRoundHalfUp(low * part, pow);
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount too large: ${rate} × ${fen}`);
  return negative !== fen < 0 ? -result : result;
}

/** Fen to whole yuan, rounding up (ceil): the rule for every final amount. */
export function ceilToYuan(fen: number): number {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be whole fen: ${fen}`);
  let floor = Math.floor(fen / 100);
  let rest = fen - floor * 100;
  if (rest < 0) {
    floor -= 1;
    rest += 100;
  }
  return rest > 0 ? floor + 1 : floor;
}

/** Fen as a yuan number with two decimals at most, for responses and messages. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** A yuan figure rounded half-up to 0.01 (display only). */
export function roundYuan(yuan: number): number {
  return fenToYuan(yuanToFen(yuan));
}

/** A fen amount written for a resident: "800", "586.67", "1586.70". */
export function formatYuan(fen: number): string {
  const yuan = Math.abs(fen) / 100;
  const text = fen % 100 === 0 ? String(yuan) : yuan.toFixed(2);
  return fen < 0 ? `-${text}` : text;
}
