import { resolve } from 'node:path';
import { FixedClock } from '../../src/shared/clock';
import { importPlanDirectories } from '../../src/seeding/import/importer';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const ROOT = resolve(__dirname, '../..');
const PLAN = 'jiading-2021';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Before the first report deadline of 2021: the deadline scheduler has nothing to record.
const clock = () => new FixedClock(new Date('2021-01-20T02:00:00Z'));

/** A multipart/form-data body with one file field, as a browser sends it. */
function multipart(file: Buffer, filename = 'jiading-2021.xlsx') {
  const boundary = '----plan-workbook-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${XLSX}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Preview {
  valid: boolean;
  errors: Array<{ sheet: string; row?: number; column?: string; field?: string; message: string }>;
  counts: Record<'units' | 'indicators' | 'targets', Record<'new' | 'unchanged' | 'changed' | 'refused', number>>;
  rows: Array<{ kind: string; key: string; fate: string }>;
}

/** The targets as held: id, unit, assessment and work, nothing the log's times or positions add. */
async function targets(t: TestApp) {
  const rows: Array<{
    doc: { id: string; unitCode: string; assessment?: unknown; work?: unknown; lifecycle: string };
  }> = await t.infrastructure.dataSource.query('SELECT doc FROM rm_targets WHERE plan_code = $1 ORDER BY key', [PLAN]);
  return rows.map(({ doc }) => ({
    id: doc.id,
    unitCode: doc.unitCode,
    assessment: doc.assessment ?? null,
    work: doc.work ?? null,
    lifecycle: doc.lifecycle,
  }));
}

describe.each(databaseKinds())('plan workbook round trip on %s', (kind) => {
  let source: TestApp;
  let target: TestApp;
  let workbook: Buffer;
  const as = async (t: TestApp) => bearer(await t.adminToken());
  const reconciliation = async (t: TestApp, work: boolean) => {
    const r = await t.inject({
      method: 'GET',
      url: `/api/plans/${PLAN}/reconciliation${work ? '?work=true' : ''}`,
      headers: await as(t),
    });
    expect(r.statusCode).toBe(200);
    // The units without a total are listed in the order the read model holds them: compare them as a set.
    return (r.json() as { lines: Array<{ notSummable: string[] }> }).lines.map((l) => ({
      ...l,
      notSummable: [...l.notSummable].sort(),
    }));
  };

  beforeAll(async () => {
    source = await startTestApp(kind, { clock: clock() });
    await importPlanDirectories(source.app, [resolve(ROOT, 'seeds', PLAN)], { baseDir: ROOT });
    const exported = await source.inject({
      method: 'GET',
      url: `/api/plans/${PLAN}/workbook`,
      headers: await as(source),
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain(XLSX);
    workbook = exported.rawPayload;
    target = await startTestApp(kind, { clock: clock() });
  }, 300_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('previews the exported workbook over its own plan: everything unchanged, nothing appended', async () => {
    const head = await source.infrastructure.eventStore.headPosition();
    const body = multipart(workbook);
    const r = await source.inject({
      method: 'POST',
      url: '/api/plans/workbook?dryRun=true',
      payload: body.payload,
      headers: { ...body.headers, ...(await as(source)) },
    });
    expect(r.statusCode).toBe(200);
    const preview = r.json() as Preview;
    expect(preview.valid).toBe(true);
    expect(preview.counts.targets.new).toBe(0);
    expect(preview.counts.targets.changed).toBe(0);
    expect(preview.counts.targets.unchanged).toBe((await targets(source)).length);
    expect(await source.infrastructure.eventStore.headPosition()).toBe(head);
  });

  it('previews then imports it into an empty database: identical targets and reconciliation', async () => {
    const body = multipart(workbook);
    const preview = await target.inject({
      method: 'POST',
      url: '/api/plans/workbook',
      payload: body.payload,
      headers: { ...body.headers, ...(await as(target)) },
    });
    expect(preview.statusCode).toBe(200);
    const p = preview.json() as Preview;
    expect(p.counts.targets).toMatchObject({ unchanged: 0, changed: 0, refused: 0 });
    expect(p.counts.targets.new).toBe((await targets(source)).length);
    expect(await targets(target)).toEqual([]); // the preview appended nothing

    const applied = await target.inject({
      method: 'POST',
      url: '/api/plans/workbook?dryRun=false',
      payload: body.payload,
      headers: { ...body.headers, ...(await as(target)) },
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ planCode: PLAN, appended: true, refusals: [] });
    expect(await targets(target)).toEqual(await targets(source));
    expect(await reconciliation(target, false)).toEqual(await reconciliation(source, false));
    expect(await reconciliation(target, true)).toEqual(await reconciliation(source, true));
  });

  it('refuses to apply a workbook with errors, naming sheet, row and column, appending nothing', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(workbook as unknown as ArrayBuffer);
    wb.getWorksheet('分解表 I02')!.getCell('C5').value = '12,5';
    const bad = multipart(Buffer.from(await wb.xlsx.writeBuffer()), 'bad.xlsx');
    const head = await target.infrastructure.eventStore.headPosition();
    const preview = await target.inject({
      method: 'POST',
      url: '/api/plans/workbook',
      payload: bad.payload,
      headers: { ...bad.headers, ...(await as(target)) },
    });
    const p = preview.json() as Preview;
    expect(p.valid).toBe(false);
    expect(p.errors).toContainEqual(expect.objectContaining({ sheet: '分解表 I02', row: 5, column: 'C' }));
    const applied = await target.inject({
      method: 'POST',
      url: '/api/plans/workbook?dryRun=false',
      payload: bad.payload,
      headers: { ...bad.headers, ...(await as(target)) },
    });
    expect(applied.statusCode).toBe(400);
    expect(applied.headers['content-type']).toContain('application/problem+json');
    expect(applied.json().errors[0].field).toBe('分解表 I02!C5');
    expect(await target.infrastructure.eventStore.headPosition()).toBe(head);
  });

  it('is the office’s: a unit user may neither export nor upload', async () => {
    const user = await source.userWith(['unit'], 'anting');
    const r = await source.inject({ method: 'GET', url: `/api/plans/${PLAN}/workbook`, headers: bearer(user.token) });
    expect(r.statusCode).toBe(403);
  });
});
