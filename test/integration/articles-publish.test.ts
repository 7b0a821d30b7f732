import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFromModule } from '../../src/server/modules/articles/articles.publish.js';
import { buildTownship } from '../helpers/factories.js';
import { officeActor } from '../helpers/suggestion-factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

describe('publishFromModule: the publishing API other modules call', () => {
  it('publishes once per (township, source), sanitises the body, and updates the same article when called again', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const actor = officeActor(t.id);
    const first = await db.transaction().execute((trx) => publishFromModule(trx, actor, {
      townshipId: t.id, categoryKey: 'work_summary', title: '2026年度人大工作总结',
      bodyHtml: '<p onclick="alert(1)">一年来，镇人大主席团<script>alert(1)</script>依法履职。</p><a href="javascript:alert(1)">链接</a><img src="x" onerror="alert(1)">',
      source: { kind: 'annual_summary', id: 'y2026' }, publishedAt: '2026-12-20T02:00:00.000Z',
    }));
    expect(first.url).toBe(`/t/${t.code}/a/${first.articleId}`);
    const row = await db.selectFrom('articles').selectAll().where('id', '=', first.articleId).executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
    expect(row.published_at).toBe('2026-12-20T02:00:00.000Z');
    expect(row.body_html).toContain('依法履职');
    for (const bad of ['<script', 'onclick', 'onerror', 'javascript:']) expect(row.body_html).not.toContain(bad);
    const cat = await db.selectFrom('portal_categories').select('key').where('id', '=', row.category_id).executeTakeFirstOrThrow();
    expect(cat.key).toBe('work_summary');

    const again = await publishFromModule(db, actor, {
      townshipId: t.id, categoryKey: 'work_summary', title: '2026年度人大工作总结（修订）', bodyHtml: '<p>修订后的全文。</p>',
      source: { kind: 'annual_summary', id: 'y2026' },
    });
    expect(again.articleId).toBe(first.articleId);
    const rows = await db.selectFrom('articles').select(['id', 'title', 'body_html', 'published_at']).where('township_id', '=', t.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.title).toBe('2026年度人大工作总结（修订）');
    expect(rows[0]!.published_at).toBe('2026-12-20T02:00:00.000Z');
    const audits = await db.selectFrom('audit_log').select('action').where('entity_id', '=', first.articleId).execute();
    expect(audits.map((a) => a.action)).toEqual(['article.publish_from_module', 'article.publish_from_module']);

    // Another source kind with the same id is another article; an unknown category is refused.
    const other = await publishFromModule(db, actor, { townshipId: t.id, categoryKey: 'gov_affairs', title: '公开事项', bodyHtml: '<p>内容</p>', source: { kind: 'disclosure', id: 'y2026' } });
    expect(other.articleId).not.toBe(first.articleId);
    await expect(publishFromModule(db, actor, { townshipId: t.id, categoryKey: 'nope', title: 'x', bodyHtml: '<p>x</p>', source: { kind: 'k', id: '1' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('rolls back with the caller’s transaction', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    await expect(db.transaction().execute(async (trx) => {
      await publishFromModule(trx, officeActor(t.id), { townshipId: t.id, categoryKey: 'news', title: '将回滚', bodyHtml: '<p>x</p>', source: { kind: 'k', id: '1' } });
      throw new Error('caller failed');
    })).rejects.toThrow('caller failed');
    expect(await db.selectFrom('articles').select('id').where('township_id', '=', t.id).execute()).toEqual([]);
  });
});
