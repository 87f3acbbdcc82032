/**
 * `npm run params -- add FILE.json` validates a dated parameter record (or an array of them)
 * and adds it without a deploy; the running server picks it up (NOTIFY on PostgreSQL, TTL
 * otherwise) and applies it from its effectiveFrom. `npm run params -- list [REGION]` prints
 * what is stored.
 */
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { parameterRecordSchema, type ParameterRecord } from '../../../shared/src/policy/params';
import { openDatabase, type Database } from '../db/client';
import { parameterRecords, regions } from '../db/schema';
import { loadEnv } from '../env';
import { PARAMETERS_CHANGED } from './service';

/** Validates and inserts records; returns human-readable problems instead of throwing. */
export async function addParameterRecords(database: Database, input: unknown): Promise<{ added: ParameterRecord[]; problems: string[] }> {
  const items = Array.isArray(input) ? input : [input];
  const problems: string[] = [];
  const valid: ParameterRecord[] = [];
  items.forEach((item, i) => {
    const parsed = parameterRecordSchema.safeParse(item);
    const prefix = items.length > 1 ? `[${i}].` : '';
    if (parsed.success) valid.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push(`${prefix}${issue.path.join('.') || '(record)'}: ${issue.message}`);
  });
  const { db } = database;
  for (const record of valid) {
    const region = await db.select().from(regions).where(eq(regions.code, record.region));
    if (!region.length) problems.push(`region: unknown region code ${record.region}`);
    const clash = await db
      .select({ id: parameterRecords.id })
      .from(parameterRecords)
      .where(and(eq(parameterRecords.regionCode, record.region), eq(parameterRecords.effectiveFrom, record.effectiveFrom)));
    if (clash.length) problems.push(`effectiveFrom: ${record.region} already has a record from ${record.effectiveFrom}`);
  }
  if (problems.length) return { added: [], problems };
  await db.transaction(async (tx) => {
    for (const r of valid) await tx.insert(parameterRecords).values({ regionCode: r.region, effectiveFrom: r.effectiveFrom, source: r.source, data: r });
  });
  await database.notify(PARAMETERS_CHANGED, valid.map((r) => `${r.region}@${r.effectiveFrom}`).join(','));
  return { added: valid, problems: [] };
}

async function cli(argv: string[]) {
  const [command, arg] = argv;
  if (command !== 'add' && command !== 'list') {
    console.error('usage: npm run params -- add FILE.json | list [REGION]');
    return 2;
  }
  const env = loadEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolMax: 1 });
  try {
    if (command === 'list') {
      const rows = await database.db.select().from(parameterRecords);
      for (const r of rows.filter((r) => !arg || r.regionCode === arg))
        console.log(`${r.regionCode}  from ${r.effectiveFrom}  urban ${r.data.dibao.urban}  rural ${r.data.dibao.rural ?? '-'}  (${r.source})`);
      return 0;
    }
    if (!arg) {
      console.error('usage: npm run params -- add FILE.json');
      return 2;
    }
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(arg, 'utf8'));
    } catch (err) {
      console.error(`cannot read ${arg}: ${(err as Error).message}`);
      return 1;
    }
    const { added, problems } = await addParameterRecords(database, input);
    if (problems.length) {
      console.error(`Refused, nothing added:\n${problems.map((p) => `  ${p}`).join('\n')}`);
      return 1;
    }
    for (const r of added) console.log(`added ${r.region} from ${r.effectiveFrom}`);
    return 0;
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
