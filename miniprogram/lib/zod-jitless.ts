import { config } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

// Mini-programs forbid `eval` and `new Function`. zod decides whether to compile a parser
// when a schema is *built*, so this module must run before any shared module: lib/shared.ts
// imports it first. Chinese default messages cover the few issues shared/ does not word.
config({ ...zhCN(), jitless: true });
