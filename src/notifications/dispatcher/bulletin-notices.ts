import { BulletinIssued } from '../../bulletins/domain/bulletin.types';
import { RecordedEvent } from '../../event-store/event-store.port';
import { Notice } from './notice';

/**
 * An issued bulletin 通报 tells every unit it ranks: its rank in its group and whether it is on the
 * 红榜 or 黑榜, with a link to the bulletin. Everything comes from the event (the content is in it).
 */
export function bulletinIssuedNotices(event: RecordedEvent & BulletinIssued): Notice[] {
  const { bulletinId, content } = event.data;
  const red = new Set(content.redList.map((e) => e.unitCode));
  const black = new Set(content.blackList.map((e) => e.unitCode));
  const title = `【通报】${content.title}${content.documentNo ? `（${content.documentNo}）` : ''}`;
  const notices = new Map<string, Notice>();
  for (const group of content.rankings) {
    for (const row of group.rows) {
      if (notices.has(row.unitCode)) continue;
      const list = red.has(row.unitCode) ? '，列入红榜' : black.has(row.unitCode) ? '，列入黑榜' : '';
      notices.set(row.unitCode, {
        kind: 'bulletin_issued',
        key: row.unitCode,
        title,
        text: `${row.unitName}在「${group.group}」中排名第 ${row.rank} 位${list}。请查阅通报并落实下一步要求 / ${content.title} was issued: rank ${row.rank} in ${group.group}.`,
        link: `/bulletins/${bulletinId}`,
        planCode: content.planCode,
        unitCode: row.unitCode,
        unitName: row.unitName,
      });
    }
  }
  return [...notices.values()];
}
