/**
 * `npm run audit:verify` walks the hash-chained audit trail and prints
 * `audit chain: N rows, intact`, or the id of the first row whose link does not hold and
 * exits 1. It opens the database the server uses (DATABASE_URL, else PGlite in DATA_DIR;
 * stop a PGlite server first, as one process at a time may open its directory).
 */
import { openDatabase, type Database } from '../db/client';
import { loadEnv } from '../env';
import { verifyAuditChain } from './service';

/** Verifies the chain and reports it through `print`; returns the process exit code. */
export async function runAuditVerify(database: Database, print: (line: string) => void = console.log): Promise<number> {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    print(`audit chain: ${result.rows} rows, intact`);
    return 0;
  }
  print(`audit chain: BROKEN at row id ${result.brokenAt} (${result.rows} rows before it verified)`);
  return 1;
}

async function cli() {
  const env = loadEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolMax: 1 });
  try {
    return await runAuditVerify(database);
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  cli().then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message);
      process.exit(2);
    },
  );
}
