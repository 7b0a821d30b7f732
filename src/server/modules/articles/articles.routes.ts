import { z } from 'zod';
import { errorResponses, text, ZId, ZIdParams, ZTownshipParams } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { readSingleUpload } from '../../http/uploads.js';
import { findTownship } from '../townships/townships.repository.js';
import { assertCanUploadImage, uploadImage } from './articles.images.js';
import { presentCategory, presentDetail, presentListItem, ZArticleDetail, ZArticleListItem, ZArticleStatus, ZCategory } from './articles.presenter.js';
import { tagsOf } from './articles.repository.js';
import * as service from './articles.service.js';

const ZArticleBody = z.strictObject({
  categoryId: ZId,
  title: text(200),
  summary: z.string().trim().max(300).nullable().optional(),
  bodyHtml: z.string().max(500_000),
  tags: z.array(z.string().trim().max(20)).max(10).optional(),
});
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** Portal articles in the back office: categories, articles, their workflow, images. */
export function articlesRoutes(app: App, { db, config }: AppDeps): void {
  const tags = ['articles'];

  async function detail(actor: ReturnType<typeof requireActor>, a: Awaited<ReturnType<typeof service.loadArticle>>) {
    const t = await findTownship(db, a.township_id);
    return presentDetail(actor, a, (await tagsOf(db, [a.id])).get(a.id) ?? [], t?.code ?? '');
  }

  app.get('/api/v1/townships/:townshipId/portal-categories', {
    schema: { tags, params: ZTownshipParams, response: { 200: z.object({ items: z.array(ZCategory) }), ...errorResponses } },
  }, async (req) => ({ items: (await service.listCategories(db, requireActor(req), req.params.townshipId)).map(presentCategory) }));

  app.post('/api/v1/townships/:townshipId/portal-categories', {
    schema: { tags, params: ZTownshipParams, body: z.strictObject({ name: text(20), description: z.string().trim().max(200).nullable().optional() }), response: { 201: ZCategory, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentCategory(await service.createCategory(db, requireActor(req), req.params.townshipId, req.body))));

  app.patch('/api/v1/townships/:townshipId/portal-categories/:categoryId', {
    schema: {
      tags, params: z.strictObject({ townshipId: ZId, categoryId: ZId }),
      body: z.strictObject({ name: text(20).optional(), description: z.string().trim().max(200).nullable().optional(), position: z.number().int().min(0).max(10_000).optional(), isVisible: z.boolean().optional() }),
      response: { 200: ZCategory, ...errorResponses },
    },
  }, async (req) => presentCategory(await service.updateCategory(db, requireActor(req), req.params.townshipId, req.params.categoryId, req.body)));

  app.get('/api/v1/townships/:townshipId/articles', {
    schema: {
      tags, params: ZTownshipParams,
      querystring: z.strictObject({
        status: ZArticleStatus.optional(), categoryId: ZId.optional(), q: z.string().max(50).optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ items: z.array(ZArticleListItem), total: z.number() }), ...errorResponses },
    },
  }, async (req) => {
    const r = await service.listArticles(db, requireActor(req), req.params.townshipId, req.query);
    return { items: r.rows.map((a) => presentListItem(a, r.tags.get(a.id) ?? [])), total: r.total };
  });

  app.post('/api/v1/townships/:townshipId/articles', {
    schema: { tags, params: ZTownshipParams, body: ZArticleBody, response: { 201: ZArticleDetail, ...errorResponses } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.status(201).send(await detail(actor, await service.createArticle(db, actor, req.params.townshipId, req.body)));
  });

  app.get('/api/v1/articles/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZArticleDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    return detail(actor, await service.loadArticle(db, actor, req.params.id));
  });

  app.patch('/api/v1/articles/:id', {
    schema: { tags, params: ZIdParams, body: ZArticleBody.partial().strict(), response: { 200: ZArticleDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    return detail(actor, await service.updateArticle(db, actor, req.params.id, req.body));
  });

  for (const step of ['submit', 'publish', 'return', 'unpublish', 'archive'] as const) {
    app.post(`/api/v1/articles/:id/${step}`, {
      schema: { tags, params: ZIdParams, body: z.strictObject({ note: z.string().trim().max(500).nullable().optional() }).optional(), response: { 200: ZArticleDetail, ...errorResponses } },
    }, async (req) => {
      const actor = requireActor(req);
      return detail(actor, await service.transition(db, actor, req.params.id, step, req.body?.note ?? null));
    });
  }

  app.post('/api/v1/townships/:townshipId/article-images', {
    schema: { tags, params: ZTownshipParams, consumes: ['multipart/form-data'], response: { 201: z.object({ id: z.string(), url: z.string() }), ...errorResponses, 415: errorResponses[400] } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    await assertCanUploadImage(db, actor, req.params.townshipId);
    const upload = await readSingleUpload(req, ['jpg', 'png'], MAX_IMAGE_BYTES);
    return reply.status(201).send(await uploadImage(db, actor, config.dataDir, req.params.townshipId, { fileName: upload.filename, kind: upload.kind, data: upload.buffer }));
  });
}
