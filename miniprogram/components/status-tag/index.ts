import type { CaseStatus } from '../../lib/shared';
import { statusView } from '../../utils/status';

/** A case status as a symbol and words (colour only repeats them). */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    status: { type: String, value: 'submitted' },
    label: { type: String, value: '' },
  },
  data: { view: statusView('submitted') },
  observers: {
    'status, label'(status: string, label: string) {
      this.setData({ view: statusView(status as CaseStatus, label) });
    },
  },
});
