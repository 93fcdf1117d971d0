import { deciderSpec, refusalOf } from '../../shared/event-sourcing/decider-spec';
import { targetDecider } from './target.decider';
import { AssignTarget, IndicatorSnapshot, TargetEvent } from './target.types';

const taxRevenue: IndicatorSnapshot = {
  planCode: 'jiading-2021',
  planYear: 2021,
  code: 'I02',
  name: '税收总收入',
  category: '经济发展',
  kind: 'cumulative',
  unitOfMeasure: '亿元',
  decomposition: 'decomposed',
};

const assign: AssignTarget = {
  type: 'AssignTarget',
  targetId: 'jiading-2021.I02.anting',
  indicator: taxRevenue,
  unitCode: 'anting',
  assessment: { total: '1760000', unitOfMeasure: '万元' },
  work: { total: '1800000', unitOfMeasure: '万元' },
};
const assigned: TargetEvent = { type: 'TargetAssigned', data: (({ type: _t, ...d }) => d)(assign) };
const march = new Date('2021-04-05T02:00:00Z');
const reported: TargetEvent = {
  type: 'ProgressReported',
  data: { period: '2021-03', unitOfMeasure: '万元', value: '400000', narrative: '一季度' },
};

/** given events, when command, then events (or the refusal). */
const given = deciderSpec(targetDecider);
const refusal = refusalOf;

describe('target decider', () => {
  describe('AssignTarget', () => {
    it('assigns assessment and work targets', () => {
      expect(given([]).when(assign)()).toEqual([assigned]);
    });
    it('assigns a work target only (指导性计划: no 考核目标), and reports are read in the work target’s unit', () => {
      const { assessment: _a, ...workOnly } = assign;
      const events = given([]).when(workOnly)();
      expect(events).toEqual([{ type: 'TargetAssigned', data: (({ type: _t, ...d }) => d)(workOnly) }]);
      const report = given(events).when({
        type: 'ReportProgress',
        period: '2021-03',
        report: { value: '400000' },
        reportedAt: march,
      })();
      expect(report).toEqual([
        expect.objectContaining({ type: 'ProgressReported', data: expect.objectContaining({ unitOfMeasure: '万元' }) }),
      ]);
    });
    it('refuses a target with neither an assessment nor a work target, naming assessment', () => {
      const { assessment: _a, work: _w, ...neither } = assign;
      const error = refusal(given([]).when(neither));
      expect(error.kind).toBe('validation');
      expect(error.errors.map((e) => e.field)).toEqual(['assessment']);
    });
    it('is a no-op when the identical target is assigned again (re-import)', () => {
      expect(given([assigned]).when(assign)()).toEqual([]);
    });
    it('refuses a different second target for the same plan, indicator and unit (409)', () => {
      const error = refusal(given([assigned]).when({ ...assign, assessment: { total: '1' } }));
      expect(error.kind).toBe('conflict');
      expect(error.code).toBe('target-exists');
    });
    it('refuses a value that does not fit the kind, naming the field', () => {
      const growth = { ...taxRevenue, kind: 'growth' as const };
      const error = refusal(
        given([]).when({ ...assign, indicator: growth, assessment: { total: '5' }, work: undefined }),
      );
      expect(error.kind).toBe('validation');
      expect(error.errors.map((e) => e.field)).toEqual(['assessment.growthPct', 'assessment.total']);
    });
    it('refuses a unit of measure that cannot be converted to the indicator’s', () => {
      const error = refusal(
        given([]).when({ ...assign, assessment: { total: '5', unitOfMeasure: '公顷' }, work: undefined }),
      );
      expect(error.errors).toEqual([expect.objectContaining({ field: 'assessment.unitOfMeasure' })]);
      expect(error.errors[0].message).toContain('公顷');
    });
    it('refuses an unknown unit of measure by name', () => {
      const error = refusal(
        given([]).when({ ...assign, assessment: { total: '5', unitOfMeasure: '斤两' }, work: undefined }),
      );
      expect(error.errors[0].message).toContain('斤两');
    });
    it('keeps a second quantity (其中流转面积 1200 亩) as data, in its own unit, and refuses a bad one by field', () => {
      const farms = { ...taxRevenue, kind: 'cumulative' as const, unitOfMeasure: '个' };
      const also = [{ label: '流转面积', total: '1200', unitOfMeasure: '亩' }];
      const events = given([]).when({
        ...assign,
        indicator: farms,
        assessment: { total: '3', also },
        work: undefined,
      })();
      expect(events[0]).toMatchObject({ type: 'TargetAssigned', data: { assessment: { total: '3', also } } });
      const error = refusal(
        given([]).when({
          ...assign,
          indicator: farms,
          assessment: { total: '3', also: [{ total: '1,200' }, { total: '5', unitOfMeasure: '斤两' }] },
          work: undefined,
        }),
      );
      expect(error.errors.map((e) => e.field)).toEqual([
        'assessment.also[0].total',
        'assessment.also[1].unitOfMeasure',
      ]);
    });
    it('needs a deadline for a milestone and a text for a qualitative target', () => {
      const milestone = { ...taxRevenue, kind: 'milestone' as const };
      expect(
        refusal(given([]).when({ ...assign, indicator: milestone, assessment: {}, work: undefined })).errors[0].field,
      ).toBe('assessment.deadline');
      const qualitative = { ...taxRevenue, kind: 'qualitative' as const };
      expect(
        refusal(
          given([]).when({
            ...assign,
            indicator: qualitative,
            assessment: { deadline: '2021-06-30' },
            work: undefined,
          }),
        ).errors.map((e) => e.field),
      ).toEqual(['assessment.text', 'assessment.deadline']);
    });
    it('accepts a target written only in words for every kind but a milestone (seeds/README.md §5)', () => {
      for (const kind of [
        'cumulative',
        'growth',
        'cumulative_growth',
        'level',
        'ceiling',
        'rank',
        'zero_incident',
        'relative',
      ] as const) {
        const indicator = { ...taxRevenue, kind };
        const command = {
          ...assign,
          indicator,
          assessment: { text: '根据各部门网办件比率，进行排名得分' },
          work: { text: '良好' },
        };
        expect(given([]).when(command)()).toHaveLength(1);
      }
      const milestone = { ...taxRevenue, kind: 'milestone' as const };
      const error = refusal(
        given([]).when({ ...assign, indicator: milestone, assessment: { text: '6月底前完成' }, work: undefined }),
      );
      expect(error.errors.map((e) => e.field)).toEqual(['assessment.deadline']);
    });
    it('still refuses a figure that does not fit the kind next to a text, and a blank text', () => {
      const level = { ...taxRevenue, kind: 'level' as const };
      const withGrowth = refusal(
        given([]).when({
          ...assign,
          indicator: level,
          assessment: { text: '6 以上', growthPct: '6' },
          work: undefined,
        }),
      );
      expect(withGrowth.errors.map((e) => e.field)).toEqual(['assessment.total', 'assessment.growthPct']);
      const blank = refusal(given([]).when({ ...assign, assessment: { text: ' ' }, work: undefined }));
      expect(blank.errors.map((e) => e.field)).toEqual(['assessment.total']);
    });
    it('refuses a baseline that is not a decimal', () => {
      expect(refusal(given([]).when({ ...assign, baseline: '1,000' })).errors[0].field).toBe('baseline');
    });
  });

  describe('AdjustTarget', () => {
    const adjust = {
      type: 'AdjustTarget' as const,
      assessment: { total: '1700000', unitOfMeasure: '万元' },
      reason: '受疫情影响调整',
      approvalDocument: '嘉府办〔2021〕15号',
    };
    it('records the new target with reason and approval document', () => {
      expect(given([assigned]).when(adjust)()).toEqual([
        {
          type: 'TargetAdjusted',
          data: { assessment: adjust.assessment, reason: adjust.reason, approvalDocument: adjust.approvalDocument },
        },
      ]);
    });
    it('requires a reason and an approval document', () => {
      const error = refusal(given([assigned]).when({ ...adjust, reason: ' ', approvalDocument: '' }));
      expect(error.errors.map((e) => e.field)).toEqual(['reason', 'approvalDocument']);
    });
    it('refuses an adjustment that changes nothing', () => {
      expect(refusal(given([assigned]).when({ ...adjust, assessment: assign.assessment })).code).toBe(
        'nothing-to-adjust',
      );
    });
    it('refuses to adjust a target that was never assigned (404)', () => {
      expect(refusal(given([]).when(adjust)).kind).toBe('not_found');
    });
  });

  describe('ReportProgress', () => {
    const report = {
      type: 'ReportProgress' as const,
      period: '2021-03',
      report: { value: '400000', narrative: '一季度' },
      reportedAt: march,
    };
    it('records the report', () => {
      expect(given([assigned]).when(report)()).toEqual([reported]);
    });
    it('refuses a second report for the same period and points to the correction route (409)', () => {
      const error = refusal(given([assigned, reported]).when(report));
      expect(error.kind).toBe('conflict');
      expect(error.extensions.correctionUrl).toBe('/api/targets/jiading-2021.I02.anting/progress/2021-03/corrections');
    });
    it('refuses a future month, a month outside the plan year and a malformed period', () => {
      expect(refusal(given([assigned]).when({ ...report, period: '2021-05' })).errors[0].message).toContain(
        '2021-04-05',
      );
      expect(refusal(given([assigned]).when({ ...report, period: '2020-12' })).errors[0].field).toBe('period');
      expect(refusal(given([assigned]).when({ ...report, period: '2021-3' })).errors[0].field).toBe('period');
    });
    it('accepts the current month from its 25th on in Asia/Shanghai, even while UTC is still on the 24th', () => {
      const justAfterMidnight = new Date('2021-04-24T16:30:00Z'); // 2021-04-25 00:30 in Shanghai
      expect(given([assigned]).when({ ...report, period: '2021-04', reportedAt: justAfterMidnight })()).toHaveLength(1);
    });
    it('refuses the current, unfinished month before the plan’s reportable-from day (default 25)', () => {
      const early = new Date('2021-04-24T15:30:00Z'); // 2021-04-24 23:30 in Shanghai
      const error = refusal(given([assigned]).when({ ...report, period: '2021-04', reportedAt: early }));
      expect(error.errors).toEqual([
        expect.objectContaining({ field: 'period', message: expect.stringContaining('25') }),
      ]);
    });
    it('follows the plan setting reportableFromDay', () => {
      const withSetting: TargetEvent = {
        type: 'TargetAssigned',
        data: { ...assigned.data, indicator: { ...taxRevenue, planSettings: { reportableFromDay: 1 } } } as never,
      };
      const firstOfApril = new Date('2021-04-01T02:00:00Z');
      expect(given([withSetting]).when({ ...report, period: '2021-04', reportedAt: firstOfApril })()).toHaveLength(1);
    });
    it('refuses a report without the figure its kind needs', () => {
      expect(refusal(given([assigned]).when({ ...report, report: { narrative: '无数据' } })).errors[0].field).toBe(
        'value',
      );
    });
    it('refuses reports on a withdrawn target', () => {
      const withdrawn: TargetEvent = {
        type: 'TargetWithdrawn',
        data: { reason: '机构调整', document: '嘉府〔2021〕9号' },
      };
      expect(refusal(given([assigned, withdrawn]).when(report)).code).toBe('target-withdrawn');
    });
  });

  describe('CorrectProgress', () => {
    const correction = {
      type: 'CorrectProgress' as const,
      period: '2021-03',
      correction: { value: '410000' },
      reason: '统计口径更正',
    };
    it('records the corrected figures with the reason', () => {
      expect(given([assigned, reported]).when(correction)()).toEqual([
        { type: 'ProgressCorrected', data: { period: '2021-03', reason: '统计口径更正', value: '410000' } },
      ]);
    });
    it('and the state then holds the corrected value beside the untouched narrative', () => {
      const events = [assigned, reported, ...given([assigned, reported]).when(correction)()];
      const state = events.reduce(targetDecider.evolve, targetDecider.initialState);
      expect(state?.reports['2021-03']).toEqual({ value: '410000', narrative: '一季度' });
    });
    it('requires a reason', () => {
      expect(refusal(given([assigned, reported]).when({ ...correction, reason: '' })).errors[0].field).toBe('reason');
    });
    it('refuses to correct a period that was never reported (404)', () => {
      expect(refusal(given([assigned]).when(correction)).kind).toBe('not_found');
    });
    it('refuses a correction that changes nothing', () => {
      expect(refusal(given([assigned, reported]).when({ ...correction, correction: { value: '400000' } })).code).toBe(
        'nothing-to-correct',
      );
    });
  });

  describe('Figures (issue 14)', () => {
    const report = {
      type: 'ReportProgress' as const,
      period: '2021-03',
      report: { value: '400000' },
      reportedAt: march,
    };
    const august: TargetEvent = {
      type: 'ProgressReported',
      data: { period: '2021-02', unitOfMeasure: '万元', value: '169000' },
    };
    it('refuses a negative value unless the indicator allows negatives', () => {
      expect(refusal(given([assigned]).when({ ...report, report: { value: '-5' } })).errors).toEqual([
        expect.objectContaining({ field: 'value', message: expect.stringContaining('negative') }),
      ]);
      const allowing: TargetEvent = {
        type: 'TargetAssigned',
        data: { ...assigned.data, indicator: { ...taxRevenue, allowNegative: true } } as never,
      };
      expect(given([allowing]).when({ ...report, report: { value: '-5' } })()).toHaveLength(1);
    });
    it('limits decimal places by the unit of measure (default 4, 元 2)', () => {
      expect(
        refusal(given([assigned]).when({ ...report, report: { value: `1.${'3'.repeat(30)}` } })).errors[0].field,
      ).toBe('value');
      expect(refusal(given([assigned]).when({ ...report, report: { value: '1.00001' } })).errors[0].message).toContain(
        '4',
      );
      expect(given([assigned]).when({ ...report, report: { value: '1.0001' } })()).toHaveLength(1);
      const inYuan: TargetEvent = {
        type: 'TargetAssigned',
        data: { ...assigned.data, assessment: { total: '5', unitOfMeasure: '元' } },
      };
      expect(refusal(given([inYuan]).when({ ...report, report: { value: '1.005' } })).errors[0].message).toContain(
        '元',
      );
    });
    it('refuses a bad figure with 400 before an already reported period’s 409', () => {
      expect(refusal(given([assigned, reported]).when({ ...report, report: { value: '-1' } })).kind).toBe('validation');
    });
    it('refuses a correction to a negative value and of a period that is not one', () => {
      const correction = {
        type: 'CorrectProgress' as const,
        period: '2021-03',
        correction: { value: '-1' },
        reason: '更正',
      };
      expect(refusal(given([assigned, reported]).when(correction)).errors[0].field).toBe('value');
      expect(
        refusal(given([assigned, reported]).when({ ...correction, period: '__proto__', correction: { value: '1' } }))
          .errors[0].field,
      ).toBe('period');
    });
    it('needs a confirmation and a reason for a falling year-to-date value, and marks the event', () => {
      const falling = { ...report, report: { value: '121200' } };
      const error = refusal(given([assigned, august]).when(falling));
      expect(error.code).toBe('year-to-date-decrease');
      expect(error.errors.map((e) => e.field)).toEqual(['confirmDecrease', 'decreaseReason']);
      expect(
        refusal(given([assigned, august]).when({ ...falling, decrease: { confirmed: true, reason: ' ' } })).errors.map(
          (e) => e.field,
        ),
      ).toEqual(['decreaseReason']);
      const [event] = given([assigned, august]).when({
        ...falling,
        decrease: { confirmed: true, reason: '统计口径调整' },
      })();
      expect(event.data).toMatchObject({
        value: '121200',
        yearToDateDecrease: { comparedWith: '2021-02', comparedValue: '169000', reason: '统计口径调整' },
      });
    });
    it('also catches a late report higher than a later month’s, and a correction that makes a month fall', () => {
      const late = { ...report, period: '2021-01', report: { value: '180000' } };
      expect(refusal(given([assigned, august]).when(late)).code).toBe('year-to-date-decrease');
      const correction = {
        type: 'CorrectProgress' as const,
        period: '2021-03',
        correction: { value: '100' },
        reason: '更正',
      };
      expect(refusal(given([assigned, august, reported]).when(correction)).code).toBe('year-to-date-decrease');
    });
    it('an adjustment changes only what it names: the unit of measure stays', () => {
      const [event] = given([assigned]).when({
        type: 'AdjustTarget',
        assessment: { total: '1700000' },
        reason: '调整',
        approvalDocument: '嘉府办〔2021〕15号',
      })();
      expect(event.data).toMatchObject({ assessment: { total: '1700000', unitOfMeasure: '万元' } });
      const state = [assigned, event].reduce(targetDecider.evolve, targetDecider.initialState);
      expect(state?.assessment).toEqual({ total: '1700000', unitOfMeasure: '万元' });
      expect(state?.work).toEqual(assign.work);
    });
    it('refuses an adjustment to a negative total', () => {
      const error = refusal(
        given([assigned]).when({
          type: 'AdjustTarget',
          assessment: { total: '-5' },
          reason: '调整',
          approvalDocument: '文',
        }),
      );
      expect(error.errors.map((e) => e.field)).toEqual(['assessment.total']);
    });
  });

  describe('WithdrawTarget', () => {
    const withdraw = { type: 'WithdrawTarget' as const, reason: '机构调整', document: '嘉府〔2021〕9号' };
    it('withdraws with reason and document', () => {
      expect(given([assigned]).when(withdraw)()).toEqual([
        { type: 'TargetWithdrawn', data: { reason: '机构调整', document: '嘉府〔2021〕9号' } },
      ]);
    });
    it('requires both reason and document, and refuses withdrawing twice', () => {
      expect(refusal(given([assigned]).when({ ...withdraw, reason: '', document: '' })).errors).toHaveLength(2);
      const withdrawn = given([assigned]).when(withdraw)();
      expect(refusal(given([assigned, ...withdrawn]).when(withdraw)).code).toBe('target-withdrawn');
    });
  });
});
