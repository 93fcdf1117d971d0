import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n';

const COLOURS: Record<string, string> = { draft: 'default', issued: 'blue', withdrawn: 'purple' };

/** The bulletin's state in words (草稿, 已印发, 已撤回). */
export function BulletinStateTag({ state }: { state: string }) {
  const { m } = useI18n();
  return <Tag color={COLOURS[state] ?? 'default'}>{m.bulletins.state[state] ?? state}</Tag>;
}
