import { callPhone } from '../../utils/nav';

/** A big button that dials a number, with the number in words and for screen readers. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    phone: { type: String, value: '12345' },
    label: { type: String, value: '拨打救助热线' },
    /** primary | danger | plain */
    variant: { type: String, value: 'primary' },
  },
  methods: {
    call() {
      callPhone(this.data.phone);
      this.triggerEvent('called', { phone: this.data.phone });
    },
  },
});
