import { ApiTargetValue, TARGET_VALUE_FIELDS, TargetValue } from './types';

/** The value as the HTTP API takes it (drops the transcription flags unreadable / ambiguous / note). */
export function toApiTargetValue(value: TargetValue): ApiTargetValue {
  const out: Record<string, unknown> = {};
  for (const f of TARGET_VALUE_FIELDS) {
    const v = value[f];
    if (v !== undefined) out[f] = f === 'also' ? value.also?.map((q) => ({ ...q })) : v;
  }
  return out as ApiTargetValue;
}
