import { promises as fs } from 'fs';
import * as path from 'path';
import { ASSESSMENT_FILES, validateAssessmentFiles } from './assessment';
import { formatIssue } from './issues';

const DIR = path.resolve(__dirname, '../../../seeds/assessment-2021');

async function files(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of Object.values(ASSESSMENT_FILES)) out[name] = await fs.readFile(path.join(DIR, name), 'utf8');
  return out;
}

describe('assessment data (seeds/assessment-2021): checked with the target model’s figure rules', () => {
  it('loads as printed', async () => {
    const result = validateAssessmentFiles(DIR, await files());
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([]);
  });

  it('refuses points a target’s weight could not be (negative, too many decimals), naming file, row and field', async () => {
    const input = await files();
    const sheet = ASSESSMENT_FILES.scoringSheet;
    input[sheet] = input[sheet]
      .replace('{ no: 1, name: 公共财政预算收入, points: 12 }', '{ no: 1, name: 公共财政预算收入, points: -12 }')
      .replace(
        '{ no: 2, name: 民间投资和技术改造投资, points: 10 }',
        '{ no: 2, name: 民间投资和技术改造投资, points: 10.123456 }',
      );
    const leaders = ASSESSMENT_FILES.leaderGroups;
    input[leaders] = input[leaders].replace('excellentPct: 20', 'excellentPct: 20%');
    const result = validateAssessmentFiles(DIR, input);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => [e.file, e.line, e.field])).toEqual(
      expect.arrayContaining([
        [sheet, 21, 'points'],
        [sheet, 22, 'points'],
        [leaders, 4, 'excellentPct'],
      ]),
    );
    expect(errors.find((e) => e.line === 21)?.message).toContain('-12');
  });
});
