import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../server/src/db/client';
import { seedDemoUsers, seedReferenceData } from '../server/src/db/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: the URL of a migrated, seeded template database to copy per test file. */
    pgTemplateUrl: string;
    /** PGlite: a dump of a migrated, seeded data dir to start each test file from. */
    pgliteDump: string;
  }
}

/** Migrates and seeds once per run; each test file then starts from a copy. */
export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const url = new URL(baseUrl);
    const template = `${url.pathname.slice(1)}_tpl_${process.pid}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS "${template}"`);
    await admin.unsafe(`CREATE DATABASE "${template}"`);
    url.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 2 });
    await seedReferenceData(database.db);
    await seedDemoUsers(database.db);
    await database.close();
    project.provide('pgTemplateUrl', url.toString());
    project.provide('pgliteDump', '');
    return async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  await seedReferenceData(database.db);
  await seedDemoUsers(database.db);
  const dir = mkdtempSync(join(tmpdir(), 'erescue-test-'));
  const file = join(dir, 'seeded.tar.gz');
  const dump = await database.dump!();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgTemplateUrl', '');
  project.provide('pgliteDump', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
