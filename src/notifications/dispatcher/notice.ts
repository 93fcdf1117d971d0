import { NotificationKind } from '../rules/notification-rules';

/** One thing to tell (before it is addressed): what the dispatcher derives from an event. */
export interface Notice {
  kind: NotificationKind;
  /** Distinguishes several notices derived from one event (e.g. one reminder per unit). */
  key: string;
  title: string;
  text: string;
  link: string;
  planCode?: string;
  unitCode?: string;
  unitName?: string;
  leadUnitCode?: string;
  warningId?: string;
  targetId?: string;
  indicatorCode?: string;
  level?: string;
}

/** What a channel receives (the webhook body; robots and email render it). Never a secret. */
export interface NoticeMessage {
  kind: NotificationKind;
  title: string;
  text: string;
  link: string;
  source: { eventId: string; type: string };
  target?: { id: string; planCode?: string; indicatorCode?: string };
  unit?: { code: string; name?: string };
  warningId?: string;
  level?: string;
}

export function messageOf(notice: Notice, source: { eventId: string; type: string }): NoticeMessage {
  return {
    kind: notice.kind,
    title: notice.title,
    text: notice.text,
    link: notice.link,
    source,
    ...(notice.targetId
      ? { target: { id: notice.targetId, planCode: notice.planCode, indicatorCode: notice.indicatorCode } }
      : {}),
    ...(notice.unitCode ? { unit: { code: notice.unitCode, name: notice.unitName } } : {}),
    ...(notice.warningId ? { warningId: notice.warningId } : {}),
    ...(notice.level ? { level: notice.level } : {}),
  };
}
