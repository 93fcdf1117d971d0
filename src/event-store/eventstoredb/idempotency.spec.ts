import { classifyRetry } from './idempotency';

const A = '5a0a8f6c-3f3e-4a54-9e43-0c8e0c2a0001';
const B = '5a0a8f6c-3f3e-4a54-9e43-0c8e0c2a0002';
const C = '5a0a8f6c-3f3e-4a54-9e43-0c8e0c2a0003';

describe('classifyRetry', () => {
  it("is 'all' when exactly these ids are stored, in order (a retry of an append that succeeded)", () => {
    expect(classifyRetry([A, B], [A, B])).toBe('all');
    expect(classifyRetry([A], [A.toUpperCase()])).toBe('all');
  });

  it("is 'some' when some but not all of the ids are stored there", () => {
    expect(classifyRetry([A, B], [A, C])).toBe('some');
    expect(classifyRetry([C, A], [A, B])).toBe('some');
    expect(classifyRetry([A, B], [A])).toBe('some');
    expect(classifyRetry([A, B], [B, A])).toBe('some');
  });

  it("is 'none' for a genuine conflict", () => {
    expect(classifyRetry([A, B], [C])).toBe('none');
    expect(classifyRetry([A], [])).toBe('none');
    expect(classifyRetry([], [])).toBe('none');
  });
});
