/**
 * The pure core of the temporary-assistance case workflow (issue 3): ID checks and masking,
 * the application contract, the crisis lexicon, triage, case states, deadlines and the
 * working-day calendar. No I/O and no Node APIs: the mini-program bundles it too.
 */
export * from './id/gb11643';
export * from './id/phone';
export * from './id/mask';
export * from './contract/enums';
export * from './contract/application';
export * from './crisis/lexicon';
export * from './triage/triage';
export * from './cases/state-machine';
export * from './cases/deadlines';
export * from './calendar/cn-holidays';
export * from './calendar/working-days';
