import { seededRandom } from '../seeding/demo/prng';
import { dec } from '../shared/decimal';
import { roundedPlaces } from './fixed-places';

/** What the display values were before: decimal.js, ROUND_HALF_UP, precision 40. */
function byDecimal(value: string, places: number, shift: number): string | undefined {
  try {
    const d = dec(value);
    return (shift ? d.times(10 ** shift) : d).toFixed(places);
  } catch {
    return undefined;
  }
}

describe('roundedPlaces', () => {
  it('rounds half up, away from zero, keeping decimal.js signs', () => {
    expect(roundedPlaces('12.3456', 2)).toBe('12.35');
    expect(roundedPlaces('2.5', 0)).toBe('3');
    expect(roundedPlaces('-2.5', 0)).toBe('-3');
    expect(roundedPlaces('9.995', 2)).toBe('10.00');
    expect(roundedPlaces('-0.001', 2)).toBe('-0.00');
    expect(roundedPlaces('-0', 2)).toBe('0.00');
    expect(roundedPlaces('007.5', 1)).toBe('7.5');
    expect(roundedPlaces('+3', 1)).toBe('3.0');
    expect(roundedPlaces('0.8272903409090909', 1, 2)).toBe('82.7');
    expect(roundedPlaces('0.9995', 1, 2)).toBe('100.0');
    expect(roundedPlaces('1', 1, 2)).toBe('100.0');
  });

  it('answers undefined for what is not a plain decimal', () => {
    for (const value of ['', '.5', '5.', '1e3', 'abc', '1,000', ' 1', '--1', 'NaN', 'Infinity'])
      expect(roundedPlaces(value, 2)).toBeUndefined();
  });

  it('answers as Decimal does over many decimals, places and shifts', () => {
    const random = seededRandom('fixed-places');
    const digits = (n: number) => Array.from({ length: n }, () => String(random.int(0, 9))).join('');
    // Mostly short figures as reports have them; some with runs of 9s and 4s/5s at the rounding place, some over 40 digits.
    const fraction = () => {
      const shape = random.int(0, 3);
      if (shape === 0) return digits(random.int(1, 20));
      if (shape === 1)
        return digits(random.int(0, 4)) + random.pick(['5', '49', '50', '99', '95', '45']) + digits(random.int(0, 3));
      if (shape === 2) return '9'.repeat(random.int(1, 8)) + digits(random.int(0, 3));
      return digits(random.int(35, 60));
    };
    for (let i = 0; i < 20000; i++) {
      const whole = random.chance(0.3)
        ? '0'
        : random.chance(0.1)
          ? `0${digits(random.int(1, 3))}`
          : digits(random.int(1, 12));
      const value = `${random.pick(['', '', '-', '+'])}${whole}${random.chance(0.8) ? `.${fraction()}` : ''}`;
      const places = random.int(0, 4);
      const shift = random.pick([0, 0, 2]);
      expect([value, places, shift, roundedPlaces(value, places, shift)]).toEqual([
        value,
        places,
        shift,
        byDecimal(value, places, shift),
      ]);
    }
  });
});
