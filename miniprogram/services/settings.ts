import { DEFAULT_HOTLINE } from '../lib/shared';
import { KEYS, load, save } from './storage';

/** The resident's area: where help is asked for, whose hotline and standards apply. */
export interface Region {
  code: string;
  name: string;
  /** "西安市 雁塔区 小寨路街道" */
  fullName: string;
  hotline: string | null;
}

export interface Settings {
  /** Large-text mode for the elderly: bigger type on every page. */
  largeText: boolean;
  region: Region | null;
  /** When the resident agreed to the privacy notice (ISO time), or null. */
  privacyConsentAt: string | null;
}

const DEFAULTS: Settings = { largeText: false, region: null, privacyConsentAt: null };

type Listener = (settings: Settings) => void;
const listeners = new Set<Listener>();

export function getSettings(): Settings {
  const stored = load<Partial<Settings>>(KEYS.settings, {});
  return { ...DEFAULTS, ...(stored && typeof stored === 'object' ? stored : {}) };
}

/** Changes some settings, stores them and tells every open page. */
export function updateSettings(patch: Partial<Settings>): Settings {
  const next = { ...getSettings(), ...patch };
  save(KEYS.settings, next);
  for (const listener of [...listeners]) listener(next);
  return next;
}

/** Calls `listener` after every change; returns the unsubscribe function. */
export function onSettingsChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The hotline of the resident's area, or the national 12345. */
export function hotline(settings: Settings = getSettings()): string {
  return settings.region?.hotline || DEFAULT_HOTLINE;
}

/**
 * CSS variables of each text size. Pages use var(--fs-*) and TDesign reads --td-font-size-*;
 * the large set is applied to the page node by <page-meta page-style>, so it reaches every
 * component without a class on each element.
 */
const NORMAL_SIZES: Record<string, string> = {
  '--fs-small': '30rpx',
  '--fs-body': '34rpx',
  '--fs-title': '40rpx',
  '--fs-huge': '48rpx',
};
const LARGE_SIZES: Record<string, string> = {
  '--fs-small': '38rpx',
  '--fs-body': '44rpx',
  '--fs-title': '52rpx',
  '--fs-huge': '62rpx',
  '--td-font-size-body-small': '36rpx',
  '--td-font-size-body-medium': '42rpx',
  '--td-font-size-body-large': '46rpx',
  '--td-font-size-title-small': '40rpx',
  '--td-font-size-title-medium': '44rpx',
  '--td-font-size-title-large': '50rpx',
  '--td-font-size-s': '36rpx',
  '--td-font-size-base': '42rpx',
  '--td-font-size-m': '44rpx',
  '--td-font-size-l': '50rpx',
  '--td-input-label-text-color': '#1a1a1a',
};

export interface UiState {
  large: boolean;
  /** Style of the page node (page-meta). */
  pageStyle: string;
}

/** What a page binds to render in normal or large text. */
export function uiState(largeText: boolean): UiState {
  const vars = largeText ? { ...NORMAL_SIZES, ...LARGE_SIZES } : NORMAL_SIZES;
  return { large: largeText, pageStyle: Object.entries(vars).map(([k, v]) => `${k}:${v}`).join(';') };
}
