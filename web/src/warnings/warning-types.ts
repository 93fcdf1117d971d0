/** A warning (预警) as `GET /api/warnings` answers it: the projection's document plus display names. */
export interface WarningActor {
  id?: string;
  username?: string;
  displayName?: string;
}

export interface WarningHistoryItem {
  type: string;
  at: string;
  by?: WarningActor;
  level?: string;
  period?: string;
  reason?: string;
}

export interface WarningItem {
  id: string;
  targetId: string;
  planCode: string;
  indicatorCode: string;
  indicatorName?: string | null;
  unitCode: string;
  unitName?: string | null;
  kind: string;
  level: string;
  state: string;
  escalated?: boolean;
  raisedAt: string;
  period: string;
  reason: string;
  acknowledgement?: { explanation: string; measures: string; at: string; by?: WarningActor };
  clearedAt?: string;
  history: WarningHistoryItem[];
}

export interface WarningPage {
  items: WarningItem[];
  /** The API's `X-Next-Cursor`: absent on the last page. */
  nextCursor?: string;
}
