import { Hono } from 'hono';
import type { AppEnv } from '../platform/context';

/** Placeholder: being built. */
export const dashboardPages = new Hono<AppEnv>();
