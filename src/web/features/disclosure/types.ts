/** Shapes of the disclosure and rule-of-law API (src/server/modules/disclosure, rule-of-law). */

export const BOARD_FIELD_KEYS = [
  'scope', 'basis', 'responsibility', 'divisionOfWork', 'procedure', 'feeStandards', 'accountability', 'serviceCommitment', 'partyRights', 'supervision',
] as const;
export type BoardFieldKey = (typeof BOARD_FIELD_KEYS)[number];
export type VersionStatus = 'draft' | 'published' | 'superseded';

export interface BoardCheck { id: string; boardId: string; checkedOn: string; note: string | null; fileName: string; photoUrl: string; createdAt: string }
export interface Board {
  id: string; unitId: string; version: number; status: VersionStatus; title: string; fields: Record<BoardFieldKey, string>;
  publishedOn: string | null; supersededOn: string | null; createdAt: string; updatedAt: string; checks: BoardCheck[];
}
export interface UnitDisclosure {
  id: string; unitId: string; kind: 'government' | 'school'; title: string; procedures: string; feeStandards: string; otherContent: string | null;
  status: 'draft' | 'published'; publishedOn: string | null; createdAt: string; updatedAt: string;
}
export interface UnitPage {
  unit: { id: string; name: string; type: string; hasEnforcementPower: boolean };
  canMaintain: boolean;
  boards: Board[];
  disclosures: UnitDisclosure[];
  disclosureKind: 'government' | 'school' | null;
}

export interface Period {
  kind: 'quarterly' | 'monthly'; start: string; end: string; label: string; labelEn: string; dueOn: string;
  status: 'published' | 'draft' | 'missing' | 'open'; overdue: boolean; disclosureId: string | null; publishedOn: string | null; versions: number;
  /** Set when the published opening balance is not the previous published period's closing balance (expected, in fen). */
  carryOver: CarryOverBreak | null;
}
export interface CarryOverBreak { expected: number; previousLabel: string; previousLabelEn: string; previousDisclosureId: string }
export interface VillagePeriods {
  village: { id: string; name: string }; year: number; asOf: string; periodKind: 'quarterly' | 'monthly'; graceDays: number; canMaintain: boolean; periods: Period[];
}
export interface FinanceLine { id?: string; direction: 'income' | 'expense'; category: string; description: string | null; amount: number }
export interface AffairsItem { id?: string; title: string; content: string }
export interface VillageDisclosure {
  id: string; village: { id: string; name: string }; periodKind: 'quarterly' | 'monthly'; periodStart: string; periodEnd: string; periodLabel: string; periodLabelEn: string;
  version: number; status: VersionStatus; openingBalance: number | null; closingBalance: number | null; totalIncome: number; totalExpense: number;
  sourceFileName: string | null; publishedOn: string | null; supersededOn: string | null; updatedAt: string;
  items: AffairsItem[]; lines: FinanceLine[];
  versions: { id: string; version: number; status: VersionStatus; publishedOn: string | null; supersededOn: string | null }[];
  canMaintain: boolean;
}
/** A later published period that no longer carries over the balance just published. */
export interface PeriodToCorrect { disclosureId: string; label: string; labelEn: string; openingBalance: number | null }
export interface PublishedVillageDisclosure extends VillageDisclosure { laterPeriodsToCorrect: PeriodToCorrect[] }

export interface EnforcementUnitStatus {
  unitId: string; unitName: string; unitType: string; draftId: string | null; versions: number;
  current: { id: string; version: number; publishedOn: string | null; lastCheckedOn: string | null; checks: number } | null;
}
export interface UnitStatus { unitId: string; unitName: string; unitType: string; kind: 'government' | 'school'; published: number; drafts: number; latestPublishedOn: string | null }
export interface Overview {
  year: number; asOf: string; periodKind: 'quarterly' | 'monthly'; graceDays: number;
  enforcementUnits: EnforcementUnitStatus[]; lackingBoard: EnforcementUnitStatus[]; governmentUnits: UnitStatus[]; schools: UnitStatus[];
  villages: { villageId: string; villageName: string; overdue: number; carryOverBroken: number; periods: Period[] }[];
}

export type ComplaintKind = 'complaint' | 'reconsideration' | 'lawsuit';
export interface Complaint { id: string; unitId: string; unitName: string; kind: ComplaintKind; receivedOn: string; cause: string; outcome: string | null; concludedOn: string | null; createdAt: string }
export interface ComplaintList {
  year: number; items: Complaint[]; canManage: boolean;
  byUnit: { unitId: string; unitName: string; complaint: number; reconsideration: number; lawsuit: number; total: number }[];
  byKind: Record<ComplaintKind, number>;
}
export interface ComplaintInput { unitId: string; kind: ComplaintKind; receivedOn: string; cause: string; outcome?: string | null; concludedOn?: string | null }

export interface Programme { id: string; name: string; criteria: string[]; position: number; archived: boolean }
export type EntryStatus = 'applied' | 'building' | 'accepted';
export interface ModelVillageEntry {
  id: string; programmeId: string; programmeName: string; villageId: string; villageName: string; year: number; status: EntryStatus; acceptedOn: string | null;
  note: string | null; criteria: { id: string; name: string; isMet: boolean; evidence: string | null }[]; met: number;
}
