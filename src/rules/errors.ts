/** Invalid input to a rule (bad period, date, figure, threshold or curve); the message names the field. */
export class RuleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleInputError';
  }
}
