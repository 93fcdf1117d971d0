import { Button, Dropdown } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { useSession } from './session';

/**
 * The user menu at the top bar's right end: the user's name opens 语言切换 and 退出登录, with the roles as
 * the menu's heading — one button instead of three, so the bar stays one line at 1280 px.
 */
export function UserMenu() {
  const { m, language, setLanguage } = useI18n();
  const { user, logout } = useSession();
  const navigate = useNavigate();
  const roles = user?.roles.map((r) => m.roles[r] ?? r).join('、') ?? '';
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          { key: 'who', type: 'group', label: `${user?.displayName ?? ''} · ${roles}` },
          {
            key: 'language',
            label: <span lang={language === 'zh-CN' ? 'en' : 'zh-CN'}>{m.switchLanguage}</span>,
          },
          { key: 'logout', label: m.logout },
        ],
        onClick: ({ key }) => {
          if (key === 'language') setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN');
          if (key === 'logout') {
            logout();
            navigate('/login');
          }
        },
      }}
    >
      <Button size="small" className="user-menu-button" aria-label={`${m.userMenu}：${user?.displayName ?? ''}`}>
        <span className="user-menu-name">{user?.displayName}</span>
        <span aria-hidden="true"> ▾</span>
      </Button>
    </Dropdown>
  );
}
