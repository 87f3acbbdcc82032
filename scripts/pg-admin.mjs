#!/usr/bin/env node
// Tiny admin helper for CI: ping | create NAME | drop NAME on postgres://postgres@127.0.0.1:5432/test.
import postgres from 'postgres';

const [cmd, name] = process.argv.slice(2);
const url = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
const safe = (n) => {
  if (!/^[a-z0-9_]+$/.test(n ?? '')) throw new Error(`bad database name: ${n}`);
  return n;
};
try {
  if (cmd === 'ping') await sql`select 1`;
  else if (cmd === 'create') await sql.unsafe(`CREATE DATABASE "${safe(name)}"`);
  else if (cmd === 'drop') await sql.unsafe(`DROP DATABASE IF EXISTS "${safe(name)}" WITH (FORCE)`);
  else throw new Error('usage: pg-admin.mjs ping | create NAME | drop NAME');
} catch (err) {
  console.error(`pg-admin ${cmd}: ${err.message}`);
  process.exitCode = 1;
} finally {
  await sql.end({ timeout: 2 });
}
