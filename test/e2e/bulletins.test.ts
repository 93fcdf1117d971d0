import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { chromiumPath } from '../../src/bulletins/export/html-to-pdf';
import { NotificationDispatcher } from '../../src/notifications/dispatcher/notification-dispatcher';
import { FixedClock } from '../../src/shared/clock';
import { WarningsReactor } from '../../src/warnings/reactor/warnings-reactor';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'bt-2021';
const UNITS = [
  { code: 'anting', name: '安亭镇', kind: 'town' },
  { code: 'jiangqiao', name: '江桥镇', kind: 'town' },
  { code: 'nanxiang', name: '南翔镇', kind: 'town' },
  { code: 'xinchenglu', name: '新成路街道', kind: 'subdistrict' },
  { code: 'dept-a', name: '区发改委', kind: 'department' },
  { code: 'dept-b', name: '区商务委', kind: 'department' },
];
/** August year-to-date values against a target of 120 (pace 8/12: 80 is exactly on pace). */
const AUGUST: Record<string, Record<string, string>> = {
  anting: { I01: '96', I02: '130' }, // green (ratio 1.2), completed
  jiangqiao: { I01: '78', I02: '60' }, // green (0.975), red (0.75)
  nanxiang: { I01: '72', I02: '82' }, // yellow (0.9), green (1.025)
  xinchenglu: { I01: '50', I02: '70' }, // red (0.625); I02 stops after July → August overdue
  'dept-a': { I01: '100' }, // green
  'dept-b': { I01: '40' }, // red
};

/** Canonical JSON computed here independently of the product: keys sorted, no whitespace. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const STATE_FIELDS = ['id', 'state', 'revision', 'issuedAt', 'contentHash', 'draftedAt', 'withdrawal'];
const contentOf = (view: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(view).filter(([k]) => !STATE_FIELDS.includes(k)));

interface Row {
  rank: number;
  rankChange: number | null;
  unitCode: string;
  targets: number;
  onPace: number;
  completed: number;
  yellow: number;
  red: number;
  overdue: number;
  score: string;
}

/** The text of a PDF by poppler's pdftotext, or undefined when it is not installed. */
function pdfText(pdf: Buffer): string | undefined {
  try {
    return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

describe.each(databaseKinds())('bulletins 通报 (%s)', (kind) => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2021-01-26T10:00:00+08:00'));
  const headers = async () => bearer(await t.adminToken());
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.inject({ method, url, ...(payload ? { payload } : {}), headers: await headers() });
  const ok = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, status = 200) => {
    const response = await call(method, url, payload);
    if (response.statusCode !== status) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const settle = async () => {
    const head = await t.logEnd();
    expect(await t.app.get(WarningsReactor).waitFor(head, 30_000)).toBe(true);
  };
  let first: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  let urgedDeptB = '';
  let reporterLogin = { username: '', password: '' };

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    for (const unit of UNITS) await ok('POST', '/api/units', unit, 201);
    await ok(
      'POST',
      '/api/plans',
      { code: PLAN, year: 2021, title: '2021年区政府目标任务', issuer: '区政府督查室' },
      201,
    );
    for (const [code, name] of [
      ['I01', '税收总收入'],
      ['I02', '固定资产投资'],
    ]) {
      await ok(
        'POST',
        `/api/plans/${PLAN}/indicators`,
        { code, category: '经济发展', name, unitOfMeasure: '亿元', kind: 'cumulative' },
        201,
      );
    }
    for (const [unitCode, figures] of Object.entries(AUGUST)) {
      for (const indicatorCode of Object.keys(figures)) {
        await ok(
          'POST',
          '/api/targets',
          { planCode: PLAN, indicatorCode, unitCode, assessment: { total: '120' } },
          201,
        );
      }
    }
    for (let m = 1; m <= 8; m++) {
      clock.set(new Date(`2021-${String(m).padStart(2, '0')}-26T10:00:00+08:00`));
      const period = `2021-${String(m).padStart(2, '0')}`;
      for (const [unitCode, figures] of Object.entries(AUGUST)) {
        for (const [indicatorCode, august] of Object.entries(figures)) {
          if (unitCode === 'xinchenglu' && indicatorCode === 'I02' && m === 8) continue;
          const value = ((Number(august) * m) / 8).toFixed(2);
          await ok(
            'POST',
            `/api/targets/${PLAN}.${indicatorCode}.${unitCode}/progress`,
            {
              period,
              value,
              problems: `${unitCode} 问题 ${m}`,
              nextSteps: `${unitCode} 打算 ${m}`,
            },
            201,
          );
        }
      }
    }
    clock.set(new Date('2021-09-11T10:00:00+08:00'));
    await t.app.get(DeadlineScheduler).tick();
    await settle();
    // Urgings (催办) on escalated warnings: dept-b's unanswered, jiangqiao's answered by its 情况说明 before the cutoff,
    // xinchenglu's first replied to before the cutoff (12:00), its second only after it.
    const warnings = (await ok('GET', `/api/warnings?planCode=${PLAN}`)) as Array<{
      id: string;
      unitCode: string;
      escalated?: boolean;
      state: string;
    }>;
    const escalatedOf = (unit: string) =>
      warnings.find((w) => w.unitCode === unit && w.state !== 'cleared' && w.escalated)!.id;
    await ok('POST', `/api/warnings/${escalatedOf('dept-b')}/urgings`, { message: '请说明税收进度滞后原因' }, 201);
    await ok('POST', `/api/warnings/${escalatedOf('jiangqiao')}/urgings`, { message: '请说明投资进度滞后原因' }, 201);
    const xinchenglu = (await ok(
      'POST',
      `/api/warnings/${escalatedOf('xinchenglu')}/urgings`,
      { message: '请说明原因' },
      201,
    )) as { id: string };
    clock.set(new Date('2021-09-11T10:30:00+08:00'));
    await ok('POST', `/api/warnings/${escalatedOf('jiangqiao')}/acknowledgements`, {
      explanation: '重点项目延期开工',
      measures: '十月开工',
    });
    // xinchenglu replies to its urging (UrgingReplied) before the cutoff.
    const reporter = await t.userWith(['unit'], 'xinchenglu');
    reporterLogin = reporter;
    const replied = await t.inject({
      method: 'POST',
      url: `/api/warnings/${escalatedOf('xinchenglu')}/urgings/${xinchenglu.id}/replies`,
      payload: { message: '已组织专班推进' },
      headers: bearer(reporter.token),
    });
    expect(replied.statusCode).toBe(201);
    clock.set(new Date('2021-09-12T09:00:00+08:00'));
    await ok('POST', `/api/warnings/${escalatedOf('xinchenglu')}/urgings`, { message: '请尽快报送' }, 201);
    urgedDeptB = escalatedOf('dept-b');
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  it('drafts the August bulletin as of its cutoff: rankings with ties, 红黑榜, lagging, late reporters, escalations', async () => {
    first = await ok(
      'POST',
      '/api/bulletins',
      { planCode: PLAN, period: '2021-08', cutoff: '2021-09-11T12:00:00+08:00' },
      201,
    );
    expect(first).toMatchObject({
      planCode: PLAN,
      period: '2021-08',
      state: 'draft',
      cutoff: '2021-09-11T04:00:00.000Z',
      remarks: '',
    });

    const rows = (group: string) =>
      (first.rankings as Array<{ group: string; rows: Row[] }>)
        .find((g) => g.group === group)!
        .rows.map((r) => [
          r.rank,
          r.unitCode,
          r.targets,
          r.onPace,
          r.completed,
          r.yellow,
          r.red,
          r.overdue,
          r.score,
          r.rankChange,
        ]);
    expect(first.rankings.map((g: { group: string }) => g.group)).toEqual(['街镇', '委办局']);
    // 江桥 and 南翔 tie on 0.5: 南翔's mean pace ratio (0.9625) beats 江桥's (0.8625).
    expect(rows('街镇')).toEqual([
      [1, 'anting', 2, 2, 1, 0, 0, 0, '1.0000', null],
      [2, 'nanxiang', 2, 1, 0, 1, 0, 0, '0.5000', null],
      [3, 'jiangqiao', 2, 1, 0, 0, 1, 0, '0.5000', null],
      [4, 'xinchenglu', 2, 0, 0, 0, 1, 1, '0.0000', null],
    ]);
    expect(rows('委办局')).toEqual([
      [1, 'dept-a', 1, 1, 0, 0, 0, 0, '1.0000', null],
      [2, 'dept-b', 1, 0, 0, 0, 1, 0, '0.0000', null],
    ]);
    const codes = (list: Array<{ unitCode: string }>) => list.map((e) => e.unitCode);
    expect(codes(first.redList)).toEqual(['anting', 'nanxiang', 'dept-a']);
    expect(codes(first.blackList)).toEqual(['xinchenglu', 'jiangqiao', 'dept-b']);

    // The summary's figures are the sums of the completion table.
    const statuses = (first.completion as Array<{ status: string }>).map((l) => l.status);
    const n = (s: string) => statuses.filter((x) => x === s).length;
    expect([n('completed'), n('green'), n('yellow'), n('red'), n('overdue')]).toEqual([1, 4, 1, 3, 1]);
    expect(first.summary).toContain(`纳入通报的目标共${statuses.length}项`);
    expect(first.summary).toContain(`达到序时进度${n('completed') + n('green')}项（其中提前完成${n('completed')}项）`);
    expect(first.summary).toContain(`黄灯${n('yellow')}项，红灯${n('red')}项，逾期未报${n('overdue')}项`);

    expect(
      first.lagging.map((l: { targetId: string; status: string; problems: string }) => [
        l.targetId,
        l.status,
        l.problems,
      ]),
    ).toEqual([
      [`${PLAN}.I01.dept-b`, 'red', 'dept-b 问题 8'],
      [`${PLAN}.I01.xinchenglu`, 'red', 'xinchenglu 问题 8'],
      [`${PLAN}.I02.jiangqiao`, 'red', 'jiangqiao 问题 8'],
      [`${PLAN}.I01.nanxiang`, 'yellow', 'nanxiang 问题 8'],
    ]);
    expect(first.lateReporters).toEqual([
      {
        unitCode: 'xinchenglu',
        unitName: '新成路街道',
        targets: [
          {
            targetId: `${PLAN}.I02.xinchenglu`,
            indicatorCode: 'I02',
            indicatorName: '固定资产投资',
            periods: ['2021-08'],
          },
        ],
      },
    ]);
    expect(new Set(first.escalated.map((w: { unitCode: string }) => w.unitCode))).toEqual(
      new Set(['dept-b', 'jiangqiao', 'xinchenglu']),
    );
    // Urgings without reply as of the cutoff: only dept-b's (jiangqiao explained, xinchenglu replied, its second came after the cutoff).
    expect(first.unansweredUrgings).toEqual([
      expect.objectContaining({
        warningId: urgedDeptB,
        unitCode: 'dept-b',
        unitName: '区商务委',
        indicatorName: '税收总收入',
        message: '请说明税收进度滞后原因',
        urgedAt: '2021-09-11T02:00:00.000Z',
      }),
    ]);
  });

  it('defaults the cutoff to the end of the due day; a draft can be withdrawn', async () => {
    const draft = await ok('POST', '/api/bulletins', { planCode: PLAN, period: '2021-08' }, 201);
    expect(draft.cutoff).toBe('2021-09-10T15:59:59.999Z');
    // As of 09-10 the August deadline had not passed: nothing is late yet.
    expect(draft.lateReporters).toEqual([]);
    const withdrawn = await ok('POST', `/api/bulletins/${draft.id}/withdrawal`, { reason: '重复起草' });
    expect(withdrawn).toMatchObject({ state: 'withdrawn', withdrawal: { reason: '重复起草' } });
  });

  it('edits remarks and exemptions while draft, refusing an exemption without a reason or for an unranked unit', async () => {
    const bad = await call('PATCH', `/api/bulletins/${first.id}`, {
      exemptions: [
        { unitCode: 'nowhere', reason: '不可抗力' },
        { unitCode: 'xinchenglu', reason: '' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json().errors)).toContain('reason');
    const unknown = await call('PATCH', `/api/bulletins/${first.id}`, {
      exemptions: [{ unitCode: 'nowhere', reason: '不可抗力' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('exemptions[0].unitCode');

    const edited = await ok('PATCH', `/api/bulletins/${first.id}`, {
      remarks: '一、各单位要对照序时进度查找差距。\n二、滞后单位于10日内报送整改措施。',
      exemptions: [{ unitCode: 'xinchenglu', reason: '受台风“烟花”影响（不可抗力）' }],
    });
    expect(edited.remarks).toContain('对照序时进度');
    expect(edited.blackList.map((e: { unitCode: string }) => e.unitCode)).toEqual(['jiangqiao', 'dept-b']);
    expect(edited.exemptions).toEqual([{ unitCode: 'xinchenglu', reason: '受台风“烟花”影响（不可抗力）' }]);
    first = edited;
  });

  it('issues with a 文号 and the SHA-256 of the canonical content; then it never changes', async () => {
    const issued = await ok('POST', `/api/bulletins/${first.id}/issue`, { documentNo: '嘉督〔2021〕8号' });
    expect(issued).toMatchObject({
      state: 'issued',
      documentNo: '嘉督〔2021〕8号',
      issuer: '区政府督查室',
      issuedAt: '2021-09-12T01:00:00.000Z',
    });
    expect(issued.contentHash).toBe(sha256(canonical(contentOf(issued))));
    expect(await ok('GET', `/api/bulletins/${first.id}/verification`)).toMatchObject({
      intact: true,
      contentHash: issued.contentHash,
    });

    expect((await call('PATCH', `/api/bulletins/${first.id}`, { remarks: '改' })).statusCode).toBe(409);
    expect((await call('POST', `/api/bulletins/${first.id}/issue`, { documentNo: '嘉督〔2021〕9号' })).statusCode).toBe(
      409,
    );
    expect((await call('POST', `/api/bulletins/${first.id}/issue`, {})).statusCode).toBe(400);

    // A later correction changes "now", never the issued bulletin.
    clock.set(new Date('2021-09-26T10:00:00+08:00'));
    await ok('POST', `/api/targets/${PLAN}.I02.jiangqiao/progress/2021-08/corrections`, {
      value: '100',
      reason: '统计口径更正',
    });
    const after = await ok('GET', `/api/bulletins/${first.id}`);
    expect(after.contentHash).toBe(issued.contentHash);
    expect(sha256(canonical(contentOf(after)))).toBe(issued.contentHash);
    expect(after.completion.find((l: { targetId: string }) => l.targetId === `${PLAN}.I02.jiangqiao`)).toMatchObject({
      value: '60.00',
      status: 'red',
    });
    const difference = await ok('GET', `/api/bulletins/${first.id}/difference`);
    expect(difference.changed).toEqual([
      expect.objectContaining({
        targetId: `${PLAN}.I02.jiangqiao`,
        inBulletin: { value: '60.00', status: 'red' },
        now: { value: '100', status: 'green' },
      }),
    ]);
    first = after;
  });

  it('notifies the units it ranks when issued: an in-app notice for each unit’s reporters', async () => {
    const head = await t.logEnd();
    expect(await t.app.get(NotificationDispatcher).waitFor(head, 30_000)).toBe(true);
    // The reporter signs in again: the clock has moved past the first token's lifetime.
    const token = await t.login(reporterLogin.username, reporterLogin.password);
    const inbox = await t.inject({ method: 'GET', url: '/api/notifications', headers: bearer(token) });
    expect(inbox.statusCode).toBe(200);
    const notices = (inbox.json() as { items: Array<{ kind: string; title: string; body: string; link: string }> })
      .items;
    const issued = notices.filter((n) => n.kind === 'bulletin_issued');
    expect(issued).toHaveLength(1);
    const rank = (first.rankings as Array<{ group: string; rows: Row[] }>)
      .flatMap((g) => g.rows.map((r) => ({ ...r, group: g.group })))
      .find((r) => r.unitCode === 'xinchenglu')!;
    expect(issued[0]).toMatchObject({
      title: `【通报】${first.title}（嘉督〔2021〕8号）`,
      link: `/bulletins/${first.id}`,
    });
    expect(issued[0].body).toContain(`新成路街道在「${rank.group}」中排名第 ${rank.rank} 位`);
  });

  it('shows the rank change against the previous issued bulletin', async () => {
    for (const [code, value] of [
      ['I01', '120'],
      ['I02', '100'],
    ]) {
      await ok('POST', `/api/targets/${PLAN}.${code}.jiangqiao/progress`, { period: '2021-09', value }, 201);
    }
    clock.set(new Date('2021-09-27T09:00:00+08:00'));
    const second = await ok(
      'POST',
      '/api/bulletins',
      { planCode: PLAN, period: '2021-09', cutoff: '2021-09-27T00:00:00+08:00' },
      201,
    );
    expect(second.previousBulletinId).toBe(first.id);
    const towns = second.rankings
      .find((g: { group: string }) => g.group === '街镇')
      .rows.map((r: Row) => [r.unitCode, r.rank, r.rankChange]);
    // Only 江桥 has judged September figures (completed, green); the others are not due yet.
    expect(towns).toEqual([
      ['jiangqiao', 1, 2],
      ['anting', 2, -1],
      ['nanxiang', 3, -1],
      ['xinchenglu', 4, 0],
    ]);
  });

  it('exports xlsx: a sheet per table, styled and frozen headers, numbers as numbers', async () => {
    const response = await call('GET', `/api/bulletins/${first.id}/export?format=xlsx`);
    expect(response.statusCode).toBe(200);
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="bulletin-bt-2021-2021-08\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("''")[1])).toBe(
      '2021年区政府目标任务2021年8月进展情况通报（嘉督〔2021〕8号）.xlsx',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '概况',
      '完成情况',
      '排名',
      '红黑榜',
      '滞后目标',
      '逾期未报',
      '升级预警',
      '催办未回复',
    ]);
    const completion = workbook.getWorksheet('完成情况')!;
    expect(completion.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(completion.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(completion.getRow(1).values).toEqual(expect.arrayContaining(['累计完成值', '完成率（%）', '计量单位']));
    expect(completion.rowCount).toBe(1 + first.completion.length);
    const header = completion.getRow(1).values as string[];
    const jiangqiao = completion
      .getRows(2, completion.rowCount - 1)!
      .find(
        (r) =>
          r.getCell(header.indexOf('责任单位')).value === '江桥镇' &&
          r.getCell(header.indexOf('指标名称')).value === '固定资产投资',
      )!;
    expect(jiangqiao.getCell(header.indexOf('累计完成值')).value).toBe(60);
    expect(jiangqiao.getCell(header.indexOf('完成率（%）')).numFmt).toBe('0.00%');
    expect(jiangqiao.getCell(header.indexOf('状态')).value).toBe('红灯');
    const overview = workbook.getWorksheet('概况')!;
    expect(overview.getCell('A2').value).toBe('嘉督〔2021〕8号');
    expect(workbook.getWorksheet('红黑榜')!.getRow(2).values).toEqual(
      expect.arrayContaining(['红榜', '街镇', 1, '安亭镇']),
    );
  });

  it('exports docx: title, 文号, sections and tables in document.xml', async () => {
    const response = await call('GET', `/api/bulletins/${first.id}/export?format=docx`);
    expect(response.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    for (const expected of [
      '2021年区政府目标任务2021年8月进展情况通报',
      '嘉督〔2021〕8号',
      '一、总体情况',
      '三、各单位排名',
      '四、红黑榜',
      '安亭镇',
      '江桥镇',
      '八、催办未回复',
      '请说明税收进度滞后原因',
      '九、下一步要求',
      '对照序时进度',
    ]) {
      expect(text).toContain(expected);
    }
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it('exports printable HTML, and PDF when Chromium is installed', async () => {
    const html = await call('GET', `/api/bulletins/${first.id}/export?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<html lang="zh-CN">');
    expect(html.body).toContain('嘉督〔2021〕8号');
    expect(html.body).toContain(first.contentHash);
    const pdf = await call('GET', `/api/bulletins/${first.id}/export?format=pdf`);
    if (!chromiumPath()) {
      expect(pdf.statusCode).toBe(404);
      return;
    }
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Chinese is set in an embedded CJK font (fonts-noto-cjk).
    expect(pdf.rawPayload.toString('latin1')).toMatch(/FontName \/[A-Z]{6}\+Noto\w*CJK/);
    // The text read back (poppler's pdftotext): title, 文号 and a unit's figures.
    const text = pdfText(pdf.rawPayload);
    if (text === undefined) {
      console.warn('pdftotext (Debian poppler-utils) is not installed: the PDF text read-back was skipped');
    } else {
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain(first.title);
      expect(flat).toContain('嘉督〔2021〕8号');
      expect(flat).toContain('区商务委');
      const deptB = (first.completion as Array<{ unitCode: string; value: string }>).find(
        (l) => l.unitCode === 'dept-b',
      )!;
      expect(flat).toContain(deptB.value);
    }
    expect((await call('GET', `/api/bulletins/${first.id}/export?format=odt`)).statusCode).toBe(400);
  }, 120_000);

  it('lets only the office write; units and leaders read', async () => {
    const unit = await t.userWith(['unit'], 'anting');
    const refused = await t.inject({
      method: 'POST',
      url: '/api/bulletins',
      payload: { planCode: PLAN, period: '2021-08' },
      headers: bearer(unit.token),
    });
    expect(refused.statusCode).toBe(403);
    const list = await t.inject({ method: 'GET', url: `/api/bulletins?planCode=${PLAN}`, headers: bearer(unit.token) });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .map((b: { state: string }) => b.state)
        .sort(),
    ).toEqual(['draft', 'issued', 'withdrawn']);
  });

  it('ranks by the groups the plan declares (codes before kinds, in the plan’s order); a bad group is refused by field', async () => {
    const bad = await call('POST', '/api/plans', {
      code: 'bt-groups-bad',
      year: 2021,
      title: '分组有误',
      rankingGroups: [{ name: '村', kinds: ['village'] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('rankingGroups');
    await ok(
      'POST',
      '/api/plans',
      {
        code: 'bt-groups',
        year: 2021,
        title: '分组计划',
        rankingGroups: [
          { name: '重点镇', unitCodes: ['jiangqiao'] },
          { name: '镇与部门', kinds: ['town', 'department'] },
        ],
      },
      201,
    );
    await ok(
      'POST',
      '/api/plans/bt-groups/indicators',
      { code: 'G01', category: '经济发展', name: '税收', unitOfMeasure: '亿元', kind: 'cumulative' },
      201,
    );
    // xinchenglu (a sub-district) is in no declared group: it is not ranked.
    for (const unitCode of ['anting', 'jiangqiao', 'dept-a', 'xinchenglu']) {
      await ok(
        'POST',
        '/api/targets',
        { planCode: 'bt-groups', indicatorCode: 'G01', unitCode, assessment: { total: '10' } },
        201,
      );
    }
    // As of a cutoff after the targets were assigned.
    const cutoff = '2021-12-31T00:00:00+08:00';
    const drafted = await ok('POST', '/api/bulletins', { planCode: 'bt-groups', period: '2021-08', cutoff }, 201);
    const groups = (drafted.rankings as Array<{ group: string; rows: Array<{ unitCode: string }> }>).map((g) => [
      g.group,
      g.rows.map((r) => r.unitCode).sort(),
    ]);
    expect(groups).toEqual([
      ['重点镇', ['jiangqiao']],
      ['镇与部门', ['anting', 'dept-a']],
    ]);
    // The request's own groups still win over the plan's.
    const asked = await ok(
      'POST',
      '/api/bulletins',
      {
        planCode: 'bt-groups',
        period: '2021-08',
        cutoff,
        groups: [{ name: '全部', kinds: ['town', 'subdistrict', 'department'] }],
      },
      201,
    );
    expect(asked.rankings.map((g: { group: string; rows: unknown[] }) => [g.group, g.rows.length])).toEqual([
      ['全部', 4],
    ]);
  });

  it('composes the same content from the read models (nothing recorded after the cutoff) as from folding the log', async () => {
    clock.set(new Date('2021-09-27T10:00:00+08:00'));
    const cutoff = '2021-09-27T11:00:00+08:00';
    const fromReadModels = await ok('POST', '/api/bulletins', { planCode: PLAN, period: '2021-08', cutoff }, 201);
    // One event recorded after the cutoff: the same draft is now folded from the log up to the cutoff.
    clock.set(new Date('2021-09-27T12:00:00+08:00'));
    await ok('POST', '/api/units', { code: 'later-unit', name: '后来的单位', kind: 'other' }, 201);
    const folded = await ok('POST', '/api/bulletins', { planCode: PLAN, period: '2021-08', cutoff }, 201);
    const comparable = (view: Record<string, unknown>) => {
      const { sourcePosition: _p, ...content } = contentOf(view);
      return content;
    };
    expect(comparable(fromReadModels)).toEqual(comparable(folded));
    expect((fromReadModels.completion as unknown[]).length).toBeGreaterThan(0);
  });
});
