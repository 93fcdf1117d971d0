import { Button } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

/** 无权访问: a page (or a unit's data) the user's role may not see. */
export function Forbidden() {
  const { m } = useI18n();
  return (
    <section className="result" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title" className="result-title">
        {m.forbidden}
      </h1>
      <p>{m.forbiddenDetail}</p>
      <Link to="/">
        <Button type="primary">{m.backHome}</Button>
      </Link>
    </section>
  );
}

export function NotFoundPage() {
  const { m } = useI18n();
  return (
    <section className="result" aria-labelledby="not-found-title">
      <h1 id="not-found-title" className="result-title">
        {m.notFound}
      </h1>
      <Link to="/">{m.backHome}</Link>
    </section>
  );
}
