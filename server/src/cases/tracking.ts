import { randomInt } from 'node:crypto';
import { shanghaiDate } from '../../../shared/src/dates';

/** Crockford base32 without I, L, O, U: easy to read out over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking number like ER261122-7K3M9Q: the filing date in Shanghai and 6 random characters. */
export function newTrackingNo(now: Date): string {
  const ymd = shanghaiDate(now).replaceAll('-', '').slice(2);
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `ER${ymd}-${tail}`;
}

export const trackingNoPattern = /^ER\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/;
