import { asc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { parameterRecords, regions } from '../db/schema';

/** Every region row, parents included. */
export const listRegions = (db: Db) => db.select().from(regions).orderBy(asc(regions.code));

/** Every parameter record, oldest first. */
export const listParameterRecords = (db: Db) =>
  db.select().from(parameterRecords).orderBy(asc(parameterRecords.regionCode), asc(parameterRecords.effectiveFrom));
