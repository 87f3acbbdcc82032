/** The version of the rules the engine implements; frozen onto every case it screens. */
export const POLICY_VERSION = 'rules-2026.11';
