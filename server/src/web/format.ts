import { SHANGHAI_OFFSET_MS } from '../../../shared/src/dates';

/** A Shanghai wall-clock time like 11-22 14:05. */
export function shTime(d: Date | null | undefined): string {
  if (!d) return '—';
  const s = new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${s.slice(5, 10)} ${s.slice(11, 16)}`;
}

/** Time left until `due` in plain Chinese (negative: overdue). */
export function timeLeft(due: Date, now: Date): { text: string; breached: boolean } {
  const ms = due.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3600_000);
  const m = Math.floor((abs % 3600_000) / 60_000);
  const span = h >= 48 ? `${Math.floor(h / 24)}天${h % 24}小时` : h ? `${h}小时${m}分` : `${m}分钟`;
  return ms < 0 ? { text: `已超时${span}`, breached: true } : { text: `剩余${span}`, breached: false };
}
