import { describe, expect, it } from 'vitest';
import { beijingDate, beijingInstant, beijingTime, withinBeijingHours } from './time.ts';

describe('Beijing time', () => {
  it('reads the Beijing date and time at an instant, whatever the server zone', () => {
    const at = new Date('2026-11-21T16:30:05Z');
    expect(beijingDate(at)).toBe('2026-11-22');
    expect(beijingTime(at)).toEqual({ date: '2026-11-22', minuteOfDay: 30, text: '2026-11-22 00:30:05' });
    expect(beijingInstant('2026-11-22', '00:30:05').toISOString()).toBe('2026-11-21T16:30:05.000Z');
  });

  it('checks service hours, the end excluded, across midnight too', () => {
    const at = (hhmm: string) => beijingInstant('2026-11-21', hhmm);
    const day = { from: '06:00', until: '21:00' };
    expect([at('05:59'), at('06:00'), at('20:59'), at('21:00')].map((t) => withinBeijingHours(day, t))).toEqual([false, true, true, false]);
    const night = { from: '21:00', until: '06:00' };
    expect([at('05:59'), at('06:00'), at('20:59'), at('21:00')].map((t) => withinBeijingHours(night, t))).toEqual([true, false, false, true]);
  });
});
