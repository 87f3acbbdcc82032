import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKbEntries, seedEntries } from './chat.kb';
import { fillTemplate, placeholdersOf, placeholderValues } from './chat.template';
import { AS_OF, contextFor } from './chat.test-support';
import { TOPIC_IDS } from './chat.types';
import { readCases, seedRegionData } from './eval';

const entries = seedEntries();

/** Documents BACKGROUND.md / RULES.md rest on; a source must be one of them. */
const DOCUMENTS = new Set([
  '社会救助暂行办法',
  '最低生活保障审核确认办法',
  '特困人员认定办法',
  '关于进一步加强和改进临时救助工作的意见',
  '国务院关于全面建立临时救助制度的通知',
  '关于改革完善社会救助制度的意见',
  '关于进一步做好最低生活保障等社会救助兜底保障工作的通知',
  '关于加强低收入人口动态监测做好分层分类社会救助工作的意见',
  '刚性支出困难家庭认定办法',
  '关于进一步健全社会救助和保障标准与物价上涨挂钩联动机制的通知',
]);

describe('seed knowledge base', () => {
  it('covers every topic id of TOPICS.md with at least 8 phrasings', () => {
    for (const topic of TOPIC_IDS) {
      const phrasings = entries.filter((e) => e.topic === topic).flatMap((e) => e.questions);
      expect(phrasings.length, topic).toBeGreaterThanOrEqual(8);
    }
  });

  it('lists the same topic ids as shared/chat/TOPICS.md when that file is at hand', () => {
    const file = resolve(process.cwd(), '../shared/chat/TOPICS.md');
    if (!existsSync(file)) return;
    const ids = [...readFileSync(file, 'utf8').matchAll(/^\| `([a-z_.]+)` \|/gm)].map((m) => m[1]);
    expect(ids).toEqual([...TOPIC_IDS]);
  });

  it('cites only the documents the policy notes rest on', () => {
    for (const e of entries) for (const s of e.sources) expect(DOCUMENTS.has(s.title), `${e.id}: ${s.title}`).toBe(true);
  });

  it('fills every placeholder for every seed region with parameters, in 2–5 short lines', () => {
    const { regions } = seedRegionData();
    for (const region of regions) {
      const context = contextFor(region.code, AS_OF).region!;
      if (!context.params) continue;
      const values = placeholderValues(context, '12345');
      for (const e of entries) {
        for (const template of [e.answer, ...Object.values(e.followUps ?? {})]) {
          const missing = placeholdersOf(template).filter((p) => values[p] === undefined);
          // Only optional notes may be missing (their line is left out on purpose).
          expect(missing.filter((p) => !p.endsWith('Note')), `${e.id} in ${region.code}`).toEqual([]);
          const lines = fillTemplate(template, values).split('\n');
          expect(lines.length, e.id).toBeLessThanOrEqual(5);
        }
      }
    }
  });

  it('marks the answers about local figures as needing a region', () => {
    const needs = entries.filter((e) => e.needsRegion).map((e) => e.topic);
    expect(needs).toEqual(expect.arrayContaining(['dibao.standard', 'temp.amount']));
  });

  it('does not contain the lines of the evaluation sets (they measure unseen questions)', () => {
    const squash = (t: string) => t.replace(/[\s，。？！、,.?!]/g, '');
    const phrasings = new Set(entries.flatMap((e) => [e.title, ...e.questions]).map(squash));
    for (const name of ['chat-dev.jsonl', 'chat-own.jsonl']) {
      const cases = readCases(resolve(import.meta.dirname, '../../../test/fixtures', name));
      expect(cases.filter((c) => phrasings.has(squash(c.text))).map((c) => c.text), name).toEqual([]);
    }
  });

  it('rejects a malformed entry and duplicate ids', () => {
    expect(() => parseKbEntries([{ ...entries[0], topic: 'dibao.nonsense' }])).toThrow();
    expect(() => parseKbEntries([entries[0], entries[0]])).toThrow(/duplicate/);
  });
});
