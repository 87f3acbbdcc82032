import { uiBehavior } from '../../../../behaviors/ui';
import type { CheckOutcome } from '../../../../services/eligibility';
import { hotline } from '../../../../services/settings';
import { KEYS, load } from '../../../../services/storage';
import { formatDate, formatDateTime, formatYuan } from '../../../../utils/format';
import { callPhone, go, PAGES, TABS } from '../../../../utils/nav';
import { programViews, suggestsApplying, type ProgramView } from '../../../../utils/result-view';

/** The self-check result: the four programs with reasons and amounts, and what to do next. */
Component({
  behaviors: [uiBehavior],
  data: {
    found: false,
    offline: false,
    policyDate: '',
    asOf: '',
    householdText: '',
    programs: [] as ProgramView[],
    nextSteps: [] as string[],
    canApply: false,
    hotline: '12345',
  },
  methods: {
    onLoad() {
      const outcome = load<CheckOutcome | null>(KEYS.lastResult, null);
      this.setData({ hotline: hotline() });
      if (!outcome?.response?.programs) return;
      const r = outcome.response;
      this.setData({
        found: true,
        offline: outcome.offline,
        policyDate: outcome.policyFetchedAt ? formatDateTime(outcome.policyFetchedAt) : '',
        asOf: formatDate(r.asOf),
        householdText: `家里${r.household.size}口人，每月收入共${formatYuan(r.household.monthlyIncome)}，人均${formatYuan(r.household.perCapitaIncome)}`,
        programs: programViews(r),
        nextSteps: r.nextSteps,
        canApply: suggestsApplying(r),
      });
    },
    apply() {
      go(PAGES.apply);
    },
    again() {
      go(PAGES.wizard);
    },
    ask() {
      go(TABS.chat);
    },
    callHotline() {
      callPhone(this.data.hotline);
    },
  },
});
