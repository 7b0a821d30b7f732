import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/demo.js';
import { loadDemoElections } from '../../src/server/demo/demo-elections.js';
import { electionsFactsProvider } from '../../src/server/modules/elections/elections.facts.js';
import { TEST_DB } from '../helpers/test-db.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

// The demo township has a fixed code; the PostgreSQL run shares one schema between files.
describe.skipIf(TEST_DB === 'postgres')('demo village elections', () => {
  it('the 2026 round in every village, one with a further round, consistent with the law; once', async () => {
    const db = ctx.database.db;
    await loadDemo(db);
    const t = await db.selectFrom('townships').select(['id']).where('code', '=', '999999101').executeTakeFirstOrThrow();
    if (!(await db.selectFrom('election_rounds').select('id').where('township_id', '=', t.id).executeTakeFirst())) {
      expect(await loadDemoElections(db, t.id)).toBe(true);
    }
    expect(await loadDemoElections(db, t.id)).toBe(false);
    const office = await login(ctx.app, 'office', DEMO_PASSWORD);
    const rounds = (await office.request('GET', `/api/v1/townships/${t.id}/election-rounds`)).json().items as { id: string; stats: { villages: number; done: number; electedOnSchedule: number; runoff: number } }[];
    expect(rounds).toHaveLength(1);
    const villages = await db.selectFrom('villages').select('id').where('township_id', '=', t.id).where('archived_at', 'is', null).execute();
    expect(rounds[0]!.stats).toEqual(expect.objectContaining({ villages: villages.length, done: villages.length, electedOnSchedule: villages.length - 1, runoff: 1 }));
    const detail = (await office.request('GET', `/api/v1/election-rounds/${rounds[0]!.id}`)).json() as { villages: { electionId: string; villageName: string; hasRunoff: boolean }[]; guidance: { role: string }[] };
    expect(detail.guidance[0]!.role).toBe('leader');
    for (const v of detail.villages) {
      const e = (await office.request('GET', `/api/v1/village-elections/${v.electionId}`)).json() as {
        state: string; voters: number; result: { isValid: boolean; composition: string[] }; notCompetitive: string[]; steps: { key: string; flags: { code: string }[] }[];
      };
      expect(e.state, v.villageName).toBe('done');
      expect(e.result.isValid).toBe(true);
      expect(e.result.composition, v.villageName).toEqual([]);
      expect(e.notCompetitive).toEqual([]);
      expect(e.voters).toBeGreaterThan(100);
      expect(e.voters).toBeLessThan(500);
      // Only the postponed village breaks its calendar (its steps kept the unified plan).
      const rules = e.steps.flatMap((s) => s.flags.filter((f) => f.code === 'period_too_short' || f.code === 'period_too_long' || f.code === 'out_of_order'));
      expect(rules, v.villageName).toEqual([]);
    }
    const runoff = detail.villages.filter((v) => v.hasRunoff);
    expect(runoff.map((v) => v.villageName)).toEqual(['南湾村委会']);
    const facts = await electionsFactsProvider.collect(db, t.id, 2026);
    expect(facts.find((f) => f.key === 'elections.villagesElectedOnSchedule')!.value).toBe(villages.length - 1);
    expect(facts.find((f) => f.key === 'elections.trainingSessions')!.value).toBe(2);
    const ann = await office.request('GET', `/api/v1/village-elections/${runoff[0]!.electionId}/announcement.docx`);
    expect(ann.statusCode).toBe(200);
 
    // 东山村 and 南湾村 keep their published voter list as the document of its step.
    const docs = await db.selectFrom('election_documents').innerJoin('villages', 'villages.id', 'election_documents.village_id')
      .select(['villages.name', 'election_documents.step_key', 'election_documents.file_name']).where('election_documents.township_id', '=', t.id).orderBy('villages.name').execute();
    expect(docs.map((d) => [d.name, d.step_key])).toEqual(expect.arrayContaining([['东山村委会', 'list_published'], ['南湾村委会', 'list_published']]));
    expect(docs).toHaveLength(2);
    expect(docs.find((d) => d.name === '东山村委会')!.file_name).toBe('东山村村民委员会选民名单公告.docx');
  });
});
