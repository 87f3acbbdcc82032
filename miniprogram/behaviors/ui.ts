import { getSettings, onSettingsChange, uiState } from '../services/settings';

const unsubscribers = new WeakMap<object, () => void>();

/**
 * Every page uses this behavior: it exposes `ui` (large-text mode and the page style) and keeps
 * it in step with the setting, so switching on the "我的" tab changes every open page at once.
 */
export const uiBehavior = Behavior({
  data: { ui: uiState(false) },
  lifetimes: {
    attached() {
      const apply = () => this.setData({ ui: uiState(getSettings().largeText) });
      apply();
      unsubscribers.set(this, onSettingsChange(apply));
    },
    detached() {
      unsubscribers.get(this)?.();
      unsubscribers.delete(this);
    },
  },
});
