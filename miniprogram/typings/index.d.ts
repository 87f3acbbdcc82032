/** Globals of the mini-program beyond miniprogram-api-typings. */

interface IAppOption {
  globalData: {
    /** The resolve function WeChat gave onNeedPrivacyAuthorization, while a privacy question is pending. */
    resolvePrivacy: ((result: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void) | null;
  };
}
