import { RightOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SIGN_IN_PORTALS } from '../../../domains/session/sign-in-portals.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';

/**
 * 用户登录 (manual 000 §一.1.1 (1)-(2)): “我是投资者” and the other portals that have a
 * sign-in, each leading to it.
 */
export function PortalChooserPage() {
  const { t } = useTranslation('investor');
  useDocumentTitle(t('portals.documentTitle'));
  return (
    <Card title={t('portals.title')} data-testid="portal-chooser">
      <p className="ih-chooser-intro">{t('portals.intro')}</p>
      <ul className="ih-chooser">
        {SIGN_IN_PORTALS.map(({ key, path }) => (
          <li key={key}>
            <Link to={path} className="ih-chooser-choice" data-testid={`portal-${key}`}>
              <span>
                <span className="ih-chooser-name">{t(`portals.${key}`)}</span>
                <span className="ih-chooser-note">{t(`portals.${key}Note`)}</span>
              </span>
              <RightOutlined aria-hidden="true" />
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
