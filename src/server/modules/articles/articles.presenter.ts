import { z } from 'zod';
import type { Actor } from '../../auth/actor.js';
import { can } from '../../auth/policy.js';
import type * as repo from './articles.repository.js';

export const ZArticleStatus = z.enum(['draft', 'submitted', 'published', 'unpublished']);

export const ZCategory = z.object({
  id: z.string(), key: z.string(), name: z.string(), description: z.string().nullable(), position: z.number(), isVisible: z.boolean(),
});

export const ZArticleListItem = z.object({
  id: z.string(), categoryId: z.string(), title: z.string(), summary: z.string().nullable(), status: ZArticleStatus,
  fromModule: z.boolean(), viewCount: z.number(), tags: z.array(z.string()),
  publishedAt: z.string().nullable(), submittedAt: z.string().nullable(), updatedAt: z.string(),
});

export const ZArticleDetail = ZArticleListItem.extend({
  bodyHtml: z.string(), reviewNote: z.string().nullable(), portalUrl: z.string().nullable(),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), publish: z.boolean(), return: z.boolean(), unpublish: z.boolean(), archive: z.boolean() }),
});

export function presentCategory(c: repo.CategoryRow): z.infer<typeof ZCategory> {
  return { id: c.id, key: c.key, name: c.name, description: c.description, position: c.position, isVisible: c.is_visible };
}

export function presentListItem(a: repo.ArticleListRow, tags: string[]): z.infer<typeof ZArticleListItem> {
  return {
    id: a.id, categoryId: a.category_id, title: a.title, summary: a.summary, status: a.status, fromModule: a.source_kind !== null,
    viewCount: a.view_count, tags, publishedAt: a.published_at, submittedAt: a.submitted_at, updatedAt: a.updated_at,
  };
}

export function presentDetail(actor: Actor, a: repo.ArticleRow, tags: string[], townshipCode: string): z.infer<typeof ZArticleDetail> {
  const write = can(actor, 'article.write');
  const publish = can(actor, 'article.publish');
  return {
    ...presentListItem(a, tags), bodyHtml: a.body_html, reviewNote: a.review_note,
    portalUrl: a.status === 'published' ? `/t/${townshipCode}/a/${a.id}` : null,
    can: {
      edit: write && ['draft', 'submitted', 'unpublished'].includes(a.status),
      submit: write && ['draft', 'unpublished'].includes(a.status),
      publish: publish && a.status === 'submitted',
      return: publish && a.status === 'submitted',
      unpublish: publish && a.status === 'published',
      archive: write && ['draft', 'unpublished'].includes(a.status),
    },
  };
}
