import { PoolClient } from 'pg';
import { BulletinIssued } from '../../bulletins/domain/bulletin.types';
import { RecordedEvent } from '../../event-store/event-store.port';
import { isDueAndMissing } from '../../rules';
import { statusFactsOf } from '../../targets/read-model/status-facts';
import { WarningCleared, WarningEscalated, WarningRaised } from '../../warnings/domain/warning.types';
import { ReportReminder } from '../reminders/reminder.decider';
import { UrgingReplied, UrgingReplyOverdue, WarningUrged } from '../urging/urging.decider';
import { Notice } from './notice';
import { bulletinIssuedNotices } from './bulletin-notices';
import { NoticeLookups } from './notice-lookups';

const LEVEL = { red: '红灯 / red', yellow: '黄灯 / yellow' } as const;

interface WarningRow {
  warning_id: string;
  target_id: string;
  plan_code: string;
  indicator_code: string;
  unit_code: string;
  kind: string;
  level: 'red' | 'yellow';
  period: string;
}

/**
 * Turns events into notices (zh-CN first, English second), keeping the dispatcher's own view of
 * warnings and urgings in the same transaction, so it needs no other follower to have caught up.
 */
export class NoticesOfEvents {
  /** Warnings raised in this batch, written together by `flush` (before anything reads or changes the table). */
  private readonly raisedRows = new Map<string, WarningRow>();

  constructor(
    private readonly client: PoolClient,
    private readonly lookups: NoticeLookups,
  ) {}

  async of(event: RecordedEvent): Promise<Notice[]> {
    switch (event.type) {
      case 'WarningRaised':
        return this.raised(event as RecordedEvent & WarningRaised);
      case 'WarningUpdated': {
        const d = event.data as { warningId: string; level: string; period: string };
        await this.flush();
        await this.client.query(`UPDATE notification_warnings SET level = $2, period = $3 WHERE warning_id = $1`, [
          d.warningId,
          d.level,
          d.period,
        ]);
        return [];
      }
      case 'WarningEscalated':
        return this.escalated(event as RecordedEvent & WarningEscalated);
      case 'WarningAcknowledged':
        await this.replied((event.data as { warningId: string }).warningId, event.metadata.recordedAt);
        return [];
      case 'WarningCleared':
        return this.cleared(event as RecordedEvent & WarningCleared);
      case 'WarningUrged':
        return this.urged(event as RecordedEvent & WarningUrged);
      case 'UrgingReplyOverdue':
        return this.urgingOverdue(event as RecordedEvent & UrgingReplyOverdue);
      case 'UrgingReplied':
        return this.urgingReplied(event as RecordedEvent & UrgingReplied);
      case 'ReportReminderDue':
        return this.reminder(event.data as ReportReminder);
      case 'BulletinIssued':
        return bulletinIssuedNotices(event as RecordedEvent & BulletinIssued);
      default:
        return [];
    }
  }

  private async raised(event: RecordedEvent & WarningRaised): Promise<Notice[]> {
    const d = event.data;
    // The row to write with the batch's others (on a replay the one written before stays, as do its notices).
    const w: WarningRow = {
      warning_id: d.warningId,
      target_id: d.targetId,
      plan_code: d.planCode,
      indicator_code: d.indicatorCode,
      unit_code: d.unitCode,
      kind: d.kind,
      level: d.level,
      period: d.period,
    };
    if (!this.raisedRows.has(w.warning_id)) this.raisedRows.set(w.warning_id, w);
    const { unit, indicator, leadUnitCode } = await this.names(w);
    const what =
      d.kind === 'overdue'
        ? `${d.period} 进度逾期未报 / the ${d.period} report is overdue`
        : `${d.period} ${LEVEL[d.level]}`;
    return [
      this.warningNotice('warning_raised', w, {
        title: `【${d.kind === 'overdue' ? '逾期预警' : d.level === 'red' ? '红灯预警' : '黄灯预警'}】${unit} · ${indicator}`,
        text: `${unit}「${indicator}」${what}。${d.reason}\n请及时说明情况并提出整改措施 / Please explain and state the measures.`,
        unitName: unit,
        leadUnitCode,
      }),
    ];
  }

  private async escalated(event: RecordedEvent & WarningEscalated): Promise<Notice[]> {
    const w = await this.warning(event.data.warningId);
    if (!w) return [];
    const { unit, indicator, leadUnitCode } = await this.names(w);
    return [
      this.warningNotice('warning_escalated', w, {
        title: `【预警升级】${unit} · ${indicator}`,
        text: `${unit}「${indicator}」预警已升级 / The warning was escalated：${event.data.reason}`,
        unitName: unit,
        leadUnitCode,
      }),
    ];
  }

  private async cleared(event: RecordedEvent & WarningCleared): Promise<Notice[]> {
    await this.replied(event.data.warningId, event.metadata.recordedAt);
    const w = await this.warning(event.data.warningId);
    if (!w) return [];
    const { unit, indicator, leadUnitCode } = await this.names(w);
    return [
      this.warningNotice('warning_cleared', w, {
        title: `【预警解除】${unit} · ${indicator}`,
        text: `${unit}「${indicator}」预警已解除 / The warning was cleared：${event.data.reason}`,
        unitName: unit,
        leadUnitCode,
      }),
    ];
  }

  private async urged(event: RecordedEvent & WarningUrged): Promise<Notice[]> {
    const d = event.data;
    await this.client.query(
      `INSERT INTO notification_urgings (urging_id, warning_id, unit_code, plan_code, message, urged_at, urged_by, reply_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (urging_id) DO NOTHING`,
      [
        d.urgingId,
        d.warningId,
        d.unitCode,
        d.planCode,
        d.message,
        event.metadata.recordedAt,
        event.metadata.actor.displayName,
        d.replyBy ?? null,
      ],
    );
    const w = await this.warning(d.warningId);
    const ref: WarningRow = w ?? {
      warning_id: d.warningId,
      target_id: d.targetId,
      plan_code: d.planCode,
      indicator_code: d.indicatorCode,
      unit_code: d.unitCode,
      kind: 'status',
      level: 'yellow',
      period: '',
    };
    const { unit, indicator } = await this.names(ref);
    const reply = d.replyBy ? `\n请于 ${shanghaiTime(d.replyBy)} 前回复 / Reply by ${d.replyBy}.` : '';
    return [
      {
        ...this.warningNotice('urging', ref, {
          title: `【催办】${unit} · ${indicator}`,
          text: `督查室催办 / The office urges: ${d.message}${reply}`,
          unitName: unit,
        }),
        key: d.urgingId,
      },
    ];
  }

  private async urgingOverdue(event: RecordedEvent & UrgingReplyOverdue): Promise<Notice[]> {
    const d = event.data;
    await this.client.query(`UPDATE notification_urgings SET reply_overdue_at = $2 WHERE urging_id = $1`, [
      d.urgingId,
      event.metadata.recordedAt,
    ]);
    const w = await this.warning(d.warningId);
    if (!w) return [];
    const { unit, indicator } = await this.names(w);
    return [
      {
        ...this.warningNotice('urging_overdue', w, {
          title: `【催办逾期未复】${unit} · ${indicator}`,
          text: `${unit} 未在 ${shanghaiTime(d.replyBy)} 前回复催办 / ${unit} did not reply to the urging by ${d.replyBy}.`,
          unitName: unit,
        }),
        key: d.urgingId,
      },
    ];
  }

  private async urgingReplied(event: RecordedEvent & UrgingReplied): Promise<Notice[]> {
    const d = event.data;
    await this.client.query(
      `UPDATE notification_urgings SET replied_at = $2, reply_message = $3, replied_by = $4 WHERE urging_id = $1`,
      [d.urgingId, event.metadata.recordedAt, d.message, event.metadata.actor.displayName],
    );
    const w = await this.warning(d.warningId);
    if (!w) return [];
    const { unit, indicator } = await this.names(w);
    return [
      {
        ...this.warningNotice('urging_replied', w, {
          title: `【催办回复】${unit} · ${indicator}`,
          text: `${unit} 回复催办 / ${unit} replied: ${d.message}`,
          unitName: unit,
        }),
        key: d.urgingId,
      },
    ];
  }

  /** One notice per unit that owes the period's report and has not sent it. */
  private async reminder(r: ReportReminder): Promise<Notice[]> {
    const owing = new Map<string, string[]>();
    for (const doc of await this.lookups.unreportedTargetsOfPlan(r.planCode, r.period)) {
      if (!isDueAndMissing(statusFactsOf(doc), r.period, Object.keys(doc.periods))) continue;
      owing.set(doc.unitCode, [...(owing.get(doc.unitCode) ?? []), doc.indicator.name]);
    }
    const notices: Notice[] = [];
    for (const [unitCode, indicators] of [...owing].sort(([a], [b]) => a.localeCompare(b))) {
      const unit = (await this.lookups.unitName(unitCode)) ?? unitCode;
      const list = `${indicators.slice(0, 5).join('、')}${indicators.length > 5 ? ` 等 ${indicators.length} 项` : ''}`;
      notices.push({
        kind: r.kind === 'overdue' ? 'report_overdue' : 'report_reminder',
        key: `${unitCode}/${r.period}/${r.kind}/${r.workingDaysBefore}`,
        title:
          r.kind === 'overdue'
            ? `【逾期提醒】${unit} ${r.period} 进度未报 / ${r.period} report overdue`
            : `【临期提醒】${unit} ${r.period} 进度 ${r.dueDate} 截止 / ${r.period} report due ${r.dueDate}`,
        text:
          r.kind === 'overdue'
            ? `${r.period} 月度进度已于 ${r.dueDate} 截止，尚未报送：${list} / The ${r.period} report was due on ${r.dueDate} and is missing.`
            : `还有 ${r.workingDaysBefore} 个工作日截止（${r.dueDate}），尚未报送：${list} / ${r.workingDaysBefore} working day(s) left until ${r.dueDate}.`,
        link: `/targets?planCode=${encodeURIComponent(r.planCode)}&unitCode=${encodeURIComponent(unitCode)}`,
        planCode: r.planCode,
        unitCode,
        unitName: unit,
      });
    }
    return notices;
  }

  private warningNotice(
    kind: Notice['kind'],
    w: WarningRow,
    content: { title: string; text: string; unitName: string; leadUnitCode?: string },
  ): Notice {
    return {
      kind,
      key: w.warning_id,
      title: content.title,
      text: content.text,
      link: `/warnings?warning=${encodeURIComponent(w.warning_id)}`,
      planCode: w.plan_code,
      unitCode: w.unit_code,
      unitName: content.unitName,
      leadUnitCode: content.leadUnitCode,
      warningId: w.warning_id,
      targetId: w.target_id,
      indicatorCode: w.indicator_code,
      level: w.level,
    };
  }

  private async replied(warningId: string, at: string): Promise<void> {
    await this.client.query(
      `UPDATE notification_urgings SET replied_at = $2 WHERE warning_id = $1 AND replied_at IS NULL AND reply_overdue_at IS NULL AND urged_at <= $2`,
      [warningId, at],
    );
  }

  /** Writes the warnings raised so far in this batch in one insert; the dispatcher calls it before its commit. */
  async flush(): Promise<void> {
    if (!this.raisedRows.size) return;
    const rows = [...this.raisedRows.values()];
    this.raisedRows.clear();
    const columns = [
      'warning_id',
      'target_id',
      'plan_code',
      'indicator_code',
      'unit_code',
      'kind',
      'level',
      'period',
    ] as const;
    await this.client.query(
      `INSERT INTO notification_warnings (${columns.join(', ')})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT (warning_id) DO NOTHING`,
      columns.map((c) => rows.map((r) => r[c])),
    );
  }

  private async warning(warningId: string): Promise<WarningRow | undefined> {
    await this.flush();
    const { rows } = await this.client.query<WarningRow>(`SELECT * FROM notification_warnings WHERE warning_id = $1`, [
      warningId,
    ]);
    return rows[0];
  }

  private async names(w: WarningRow): Promise<{ unit: string; indicator: string; leadUnitCode?: string }> {
    const indicator = await this.lookups.indicator(w.plan_code, w.indicator_code);
    return {
      unit: (await this.lookups.unitName(w.unit_code)) ?? w.unit_code,
      indicator: indicator ? `${w.indicator_code} ${indicator.name}` : w.indicator_code,
      ...(indicator?.leadUnitCode && indicator.leadUnitCode !== w.unit_code
        ? { leadUnitCode: indicator.leadUnitCode }
        : {}),
    };
  }
}

/** An ISO time as the Shanghai wall clock, e.g. 2021-04-20 17:00. */
function shanghaiTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
