import type { ActivityKind, OpinionStatus } from './types';

export const KIND_COLORS: Record<ActivityKind, string> = {
  voter_contact: 'red', inspection: 'blue', research: 'cyan', reception: 'orange', group_activity: 'purple', study: 'green',
};

export const STATUS_COLORS: Record<OpinionStatus, string> = {
  open: 'default', consolidated: 'blue', suggested: 'purple', closed: 'green',
};

