import { bearer, startTestApp, TestApp, TestUser } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const MOMENT = '2021-04-05T02:00:00.000Z';
// Ids in the opposite order of the causing events' positions: an id tie-break alone would list them reversed.
const ROWS = [
  { id: '00000000-0000-4000-8000-000000000003', position: '101' },
  { id: '00000000-0000-4000-8000-000000000002', position: '102' },
  { id: '00000000-0000-4000-8000-000000000001', position: '103' },
];

describe.each(databaseKinds())('inbox order among notifications of one moment (%s)', (kind) => {
  let t: TestApp;
  let user: TestUser;
  const page = async (query: string) => {
    const response = await t.inject({ method: 'GET', url: `/api/notifications${query}`, headers: bearer(user.token) });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: Array<{ id: string; title: string }>; nextCursor: string | null };
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    user = await t.userWith(['leader']);
    for (const { id, position } of ROWS) {
      await t.infrastructure.dataSource.query(
        `INSERT INTO notifications (id, user_id, kind, title, body, link, source_event_id, source_type, source_position, created_at)
          VALUES ($1, $2, 'urging', $3, '', '/', $4, 'WarningUrged', $5, $6)`,
        [id, user.id, `at ${position}`, `event-${position}`, position, MOMENT],
      );
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the later event first', async () => {
    expect((await page('')).items.map((i) => i.title)).toEqual(['at 103', 'at 102', 'at 101']);
  });

  it('pages through them in that order, each once', async () => {
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Awaited<ReturnType<typeof page>> = await page(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      titles.push(...next.items.map((i) => i.title));
      cursor = next.nextCursor;
    } while (cursor);
    expect(titles).toEqual(['at 103', 'at 102', 'at 101']);
  });

  it('refuses a cursor it did not make', async () => {
    const forged = Buffer.from(`${MOMENT}|${ROWS[0].id}`).toString('base64url');
    const response = await t.inject({
      method: 'GET',
      url: `/api/notifications?cursor=${forged}`,
      headers: bearer(user.token),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
