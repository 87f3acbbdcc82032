import { uiBehavior } from '../../../../behaviors/ui';
import { hardshipTypeLabels, hardshipTypes, shanghaiDate } from '../../../../lib/shared';
import { checkHousehold } from '../../../../services/eligibility';
import { ApiError, asApiError } from '../../../../services/errors';
import { getSettings } from '../../../../services/settings';
import { KEYS, load, remove, save } from '../../../../services/storage';
import { go, PAGES, showError, toast } from '../../../../utils/nav';
import {
  DISABILITY_GRADE_OPTIONS,
  DISABILITY_KIND_OPTIONS,
  fieldsOfStep,
  newMember,
  newWizard,
  RELATION_OPTIONS,
  STATUS_OPTIONS,
  stepOfPath,
  STEPS,
  SUPPORTER_OPTIONS,
  toEligibilityInput,
  wizardErrors,
  type WizardState,
} from '../../../../utils/wizard';

const OPTIONS = {
  relation: RELATION_OPTIONS,
  status: STATUS_OPTIONS,
  disabilityGrade: DISABILITY_GRADE_OPTIONS,
  disabilityKind: DISABILITY_KIND_OPTIONS,
  supporters: SUPPORTER_OPTIONS,
  adlFailures: [
    { value: '0', label: '生活能自理' },
    { value: '2', label: '部分不能自理' },
    { value: '5', label: '完全不能自理' },
  ],
} as const;
type OptionList = keyof typeof OPTIONS;

const HARDSHIP_OPTIONS = [{ value: '', label: '没有遇到突发困难' }, ...hardshipTypes.map((t) => ({ value: t, label: hardshipTypeLabels[t] }))];
const EMERGENCY: readonly string[] = ['fire', 'traffic_accident', 'sudden_illness', 'natural_disaster', 'crime_victim', 'accident_other', 'stranded'];

Component({
  behaviors: [uiBehavior],
  data: {
    state: newWizard(),
    steps: STEPS.map((s) => s.title),
    stepTitle: STEPS[0].title as string,
    lastStep: STEPS.length - 1,
    errors: {} as Record<string, string>,
    errorCount: 0,
    computing: false,
    /** Which member cards show the extra questions (disability, illness …). */
    expanded: [] as boolean[],
    options: OPTIONS,
    hardshipOptions: HARDSHIP_OPTIONS,
    isEmergency: false,
    today: '',
    pickingRegion: false,
  },
  methods: {
    onLoad() {
      const region = getSettings().region;
      const saved = load<WizardState | null>(KEYS.wizard, null);
      const state = saved && Array.isArray(saved.members) && saved.members.length ? { ...newWizard(), ...saved } : newWizard(region ? { code: region.code, name: region.fullName } : undefined);
      if (!state.regionCode && region) Object.assign(state, { regionCode: region.code, regionName: region.fullName });
      state.members = state.members.map((m) => (m.key ? m : { ...m, key: newMember().key }));
      this.setData({ today: shanghaiDate(new Date()), expanded: state.members.map(() => false) });
      this.apply(state);
    },
    onShow() {
      if (!this.data.pickingRegion) return;
      const region = getSettings().region;
      this.setData({ pickingRegion: false });
      if (region) this.apply({ ...this.data.state, regionCode: region.code, regionName: region.fullName });
    },

    /** Shows and keeps a new state; problems already shown are re-checked as the resident fixes them. */
    apply(state: WizardState) {
      save(KEYS.wizard, state);
      const shown = Object.keys(this.data.errors).length > 0;
      const errors = shown ? fieldsOfStep(wizardErrors(state), state.step) : {};
      this.setData({
        state,
        stepTitle: STEPS[state.step]?.title ?? '',
        isEmergency: EMERGENCY.includes(state.hardshipType),
        errors,
        errorCount: Object.keys(errors).length,
      });
    },
    /** Writes `value` at a dotted path of the state ("members.0.age"). */
    setPath(path: string, value: unknown) {
      const state: WizardState = JSON.parse(JSON.stringify(this.data.state));
      const keys = path.split('.');
      let target: Record<string, unknown> = state as unknown as Record<string, unknown>;
      for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
      target[keys[keys.length - 1] as string] = value;
      if (path.endsWith('disabilityGrade') && !value) target.disabilityKind = '';
      this.apply(state);
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setPath(String(e.currentTarget.dataset.path), e.detail.value);
    },
    onChoice(e: WechatMiniprogram.TouchEvent) {
      const { path, value } = e.currentTarget.dataset as { path: string; value: unknown };
      this.setPath(path, value);
    },
    onPicker(e: WechatMiniprogram.PickerChange) {
      const { path, list } = e.currentTarget.dataset as { path: string; list: OptionList };
      const option = OPTIONS[list][Number(e.detail.value)];
      if (option) this.setPath(path, option.value);
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      this.setPath(String(e.currentTarget.dataset.path), String(e.detail.value));
    },
    toggleMore(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      const expanded = [...this.data.expanded];
      expanded[index] = !expanded[index];
      this.setData({ expanded });
    },
    addMember() {
      const state = { ...this.data.state, members: [...this.data.state.members, newMember('spouse')] };
      this.setData({ expanded: [...this.data.expanded, false] });
      this.apply(state);
    },
    removeMember(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      if (index === 0) return;
      const members = this.data.state.members.filter((_, i) => i !== index);
      this.setData({ expanded: this.data.expanded.filter((_, i) => i !== index), errors: {} });
      this.apply({ ...this.data.state, members });
    },
    pickRegion() {
      this.setData({ pickingRegion: true });
      go(PAGES.region);
    },

    /** Shows the problems of the current step; true when there are none. */
    checkStep(): boolean {
      const errors = fieldsOfStep(wizardErrors(this.data.state), this.data.state.step);
      this.setData({ errors, errorCount: Object.keys(errors).length });
      if (Object.keys(errors).length) {
        toast(`有${Object.keys(errors).length}处需要修改`);
        return false;
      }
      return true;
    },
    next() {
      if (!this.checkStep()) return;
      this.apply({ ...this.data.state, step: Math.min(this.data.state.step + 1, STEPS.length - 1) });
      wx.pageScrollTo?.({ scrollTop: 0, duration: 0, fail: () => undefined });
    },
    prev() {
      this.setData({ errors: {}, errorCount: 0 });
      this.apply({ ...this.data.state, step: Math.max(this.data.state.step - 1, 0) });
    },
    restart() {
      remove(KEYS.wizard);
      const region = getSettings().region;
      this.setData({ errors: {}, errorCount: 0, expanded: [false] });
      this.apply(newWizard(region ? { code: region.code, name: region.fullName } : undefined));
    },

    async compute() {
      const all = wizardErrors(this.data.state);
      const paths = Object.keys(all);
      if (paths.length) {
        // Go back to the first step with a problem, and show it there.
        const step = Math.min(...paths.map(stepOfPath));
        const errors = fieldsOfStep(all, step);
        this.apply({ ...this.data.state, step });
        this.setData({ errors, errorCount: Object.keys(errors).length });
        toast(`有${Object.keys(errors).length}处需要修改`);
        return;
      }
      this.setData({ computing: true });
      try {
        await checkHousehold(toEligibilityInput(this.data.state));
        go(PAGES.result);
      } catch (err) {
        const e = asApiError(err);
        if (e instanceof ApiError && Object.keys(e.fields).length) {
          const step = Math.min(...Object.keys(e.fields).map(stepOfPath));
          const errors = fieldsOfStep(e.fields, step);
          this.apply({ ...this.data.state, step });
          this.setData({ errors, errorCount: Object.keys(errors).length });
        }
        if (e.offline) {
          wx.showModal({
            title: '暂时算不了',
            content: '没有网络，手机上也还没有您所在地区的救助标准。请在有网络时再点一次“开始测算”，以后没网也能算。',
            showCancel: false,
            confirmText: '知道了',
          });
        } else showError(e);
      } finally {
        this.setData({ computing: false });
      }
    },
  },
});
