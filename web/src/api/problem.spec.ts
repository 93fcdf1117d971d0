import { fieldErrors, inLanguage, problemFrom } from './problem';

describe('problem+json for the pages', () => {
  it('puts each errors[] entry beside the form field it names, in the page language', () => {
    const problem = problemFrom(400, {
      type: 'validation',
      title: '请求无效 / Invalid request',
      status: 400,
      errors: [
        { field: 'value', message: 'value 必须是十进制数字 / value must be a decimal' },
        { field: 'assessment.total', message: '必填 / required' },
        { field: 'value', message: '不能为负 / must not be negative' },
        { field: 'unknownField', message: '不允许 / not allowed' },
      ],
    });
    expect(fieldErrors(problem, ['value', 'total', 'narrative'], 'zh-CN')).toEqual({
      byField: { value: 'value 必须是十进制数字；不能为负', total: '必填' },
      unplaced: ['unknownField: 不允许'],
    });
    expect(fieldErrors(problem, ['value'], 'en').byField.value).toBe('value must be a decimal；must not be negative');
  });

  it('reads whatever a failed answer carries without throwing', () => {
    expect(problemFrom(502, '<html>Bad gateway</html>')).toEqual({ status: 502, detail: '<html>Bad gateway</html>' });
    expect(problemFrom(500, undefined)).toEqual({ status: 500 });
    expect(problemFrom(400, { errors: [null, { field: 'x' }] }).errors).toEqual([{ field: 'x', message: '' }]);
  });

  it('picks the half of a bilingual text', () => {
    expect(inLanguage('版本已变化 / Stale revision', 'zh-CN')).toBe('版本已变化');
    expect(inLanguage('版本已变化 / Stale revision', 'en')).toBe('Stale revision');
    expect(inLanguage('只有中文', 'en')).toBe('只有中文');
  });
});
