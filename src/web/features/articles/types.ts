export type ArticleStatus = 'draft' | 'submitted' | 'published' | 'unpublished';

export interface PortalCategory {
  id: string;
  key: string;
  name: string;
  description: string | null;
  position: number;
  isVisible: boolean;
}

export interface ArticleListItem {
  id: string;
  categoryId: string;
  title: string;
  summary: string | null;
  status: ArticleStatus;
  fromModule: boolean;
  viewCount: number;
  tags: string[];
  publishedAt: string | null;
  submittedAt: string | null;
  updatedAt: string;
}

export interface ArticleDetail extends ArticleListItem {
  bodyHtml: string;
  reviewNote: string | null;
  portalUrl: string | null;
  can: { edit: boolean; submit: boolean; publish: boolean; return: boolean; unpublish: boolean; archive: boolean };
}

export interface ArticleInput {
  categoryId: string;
  title: string;
  summary?: string | null;
  bodyHtml: string;
  tags?: string[];
}

export interface ArticleFilters {
  status?: ArticleStatus;
  categoryId?: string;
  q?: string;
}

export type ArticleStep = 'submit' | 'publish' | 'return' | 'unpublish' | 'archive';
