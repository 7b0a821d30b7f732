/** The reports API's shapes (src/server/modules/reports/reports.presenter.ts). */

export type FactCell = string | number | boolean | null;
export type FactRow = Record<string, FactCell>;

export interface Fact {
  key: string;
  label: string;
  labelEn: string;
  value: number | string | null | FactRow[];
  unit: string | null;
  display: string;
  records: { kind: string; ids: string[]; count: number } | null;
  link: string | null;
}

export interface FactSection {
  key: string;
  title: string;
  titleEn: string;
  available: boolean;
  facts: Fact[];
}

export interface YearFacts {
  township: { id: string; code: string; name: string };
  year: number;
  sections: FactSection[];
}

export interface SectionNarrative {
  key: string;
  defaultHeading: string | null;
  defaultNarrative: string;
  heading: string | null;
  body: string;
  isCustom: boolean;
  updatedAt: string | null;
}

export interface PreviewBlock { type: string; text: string; rows?: string[][] }
export interface SummaryPreview { title: string; signature: string; date: string; blocks: PreviewBlock[] }

export interface ReportTemplate { id: string; name: string; fileName: string; sizeBytes: number; fields: string[]; createdAt: string }
export interface GeneratedReport { id: string; year: number; kind: string; fileName: string; sizeBytes: number; sha256: string; articleUrl: string | null; generatedAt: string }
