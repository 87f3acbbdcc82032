// Knowledge-base entries: the schema the database rows and the seed file must satisfy.
import { z } from 'zod';
import seed from './kb-seed.json' with { type: 'json' };
import { ACTION_TYPES, TOPIC_IDS, type KbEntry } from './chat.types';

const sourceSchema = z.object({ title: z.string().min(1), ref: z.string() });

export const kbEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  topic: z.enum(TOPIC_IDS),
  title: z.string().min(1),
  questions: z.array(z.string().min(1)).min(1),
  answer: z.string().min(1),
  sources: z.array(sourceSchema),
  actions: z.array(z.enum(ACTION_TYPES)),
  needsRegion: z.boolean().optional(),
  followUps: z.record(z.string(), z.string().min(1)).optional(),
  context: z.string().optional(),
});

export const kbFileSchema = z.object({ version: z.number().int(), entries: z.array(kbEntrySchema) });

/** Validates knowledge-base entries (from the seed file or the database); throws on a bad entry or a duplicate id. */
export function parseKbEntries(input: unknown): KbEntry[] {
  const entries = z.array(kbEntrySchema).parse(input) as KbEntry[];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new Error(`duplicate knowledge-base entry id: ${e.id}`);
    seen.add(e.id);
  }
  return entries;
}

/** The entries of the seed file shipped with the project. */
export function seedEntries(): KbEntry[] {
  return parseKbEntries(kbFileSchema.parse(seed).entries);
}
