import { callPhone } from '../../utils/nav';

/** Shown at once when words of danger are typed: emergency numbers and the area's hotline. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    phone: { type: String, value: '12345' },
  },
  methods: {
    call110() {
      callPhone('110');
    },
    call120() {
      callPhone('120');
    },
    callHotline() {
      callPhone(this.data.phone);
    },
  },
});
