/** The activity report's arithmetic, its date range and the CSV export's escaping. */
import { describe, expect, it } from 'vitest';
import { activityCsv, aggregateActivity, csvCell, dayRange, type GroupedActivity } from './activity';

const group = (overrides: Partial<GroupedActivity>): GroupedActivity => ({
  day: '2026-03-02',
  personId: 'p1',
  subject: null,
  label: 'ana@example.com',
  action: 'synthesize',
  count: 1,
  credits: 4,
  ...overrides,
});

describe('aggregateActivity', () => {
  const range = { from: '2026-03-01', to: '2026-03-03' };

  it('folds one row per actor per day with counts by kind, credits and totals, newest day and biggest spender first', () => {
    const report = aggregateActivity(
      [
        group({ action: 'synthesize', count: 2, credits: 8 }),
        group({ action: 'regenerate', count: 3, credits: 3 }),
        group({ action: 'sign_in', count: 1, credits: 0 }),
        group({ personId: 'p2', label: 'bo@example.com', action: 'create', count: 5, credits: 0 }),
        group({ personId: null, subject: 'end-user-7', label: null, action: 'synthesize', count: 1, credits: 4 }),
        group({ day: '2026-03-01', action: 'sign_in', count: 1, credits: 0 }),
      ],
      range,
    );
    expect(report.days.map((day) => day.day)).toEqual(['2026-03-02', '2026-03-01']);
    const [busy] = report.days;
    expect(busy!.rows.map((row) => row.actor)).toEqual([
      { kind: 'person', id: 'p1', label: 'ana@example.com' },
      { kind: 'subject', id: 'end-user-7', label: 'end-user-7' },
      { kind: 'person', id: 'p2', label: 'bo@example.com' },
    ]);
    expect(busy!.rows[0]).toMatchObject({ actions: { synthesize: 2, regenerate: 3, sign_in: 1 }, action_count: 6, credits: 11 });
    expect(busy).toMatchObject({ action_count: 12, credits: 15 });
    expect(report.totals).toEqual({ action_count: 13, credits: 15 });
    expect(report).toMatchObject(range);
  });

  it('keeps one person one row when their email changed between entries, and tells a removed person from a seed', () => {
    const report = aggregateActivity(
      [
        group({ label: 'ana@example.com', count: 1 }),
        group({ label: 'ana@new.example.com', count: 1 }),
        group({ personId: null, label: 'gone@example.com', action: 'create', credits: 0 }),
        group({ personId: null, label: 'sandbox seed', action: 'person_add', credits: 0 }),
      ],
      range,
    );
    const rows = report.days[0]!.rows;
    expect(rows.filter((row) => row.actor.id === 'p1')).toHaveLength(1);
    expect(rows.find((row) => row.actor.id === 'p1')!.action_count).toBe(2);
    expect(rows.find((row) => row.actor.label === 'gone@example.com')!.actor).toEqual({
      kind: 'person',
      id: null,
      label: 'gone@example.com',
    });
    expect(rows.find((row) => row.actor.label === 'sandbox seed')!.actor.kind).toBe('other');
  });

  it('is empty, with zero totals, when nothing was logged', () => {
    expect(aggregateActivity([], range)).toEqual({ ...range, days: [], totals: { action_count: 0, credits: 0 } });
  });
});

describe('dayRange', () => {
  const now = new Date('2026-03-15T22:30:00Z');

  it('defaults to the last 30 UTC days, today included, and ends the day after `to`', () => {
    const range = dayRange({}, now);
    expect(range).toMatchObject({ from: '2026-02-14', to: '2026-03-15' });
    expect(range.start.toISOString()).toBe('2026-02-14T00:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-03-16T00:00:00.000Z');
  });

  it('refuses dates that are not YYYY-MM-DD days, a reversed range and one over a year', () => {
    expect(() => dayRange({ from: '2026-02-30' }, now)).toThrow('from must be a date like 2026-01-31 (YYYY-MM-DD, UTC), not "2026-02-30".');
    expect(() => dayRange({ to: 'yesterday' }, now)).toThrow(/to must be a date/);
    expect(() => dayRange({ from: '2026-03-10', to: '2026-03-09' }, now)).toThrow('from (2026-03-10) is after to (2026-03-09).');
    expect(() => dayRange({ from: '2024-01-01', to: '2026-01-01' }, now)).toThrow(/at most 366 days; this one spans 732/);
    expect(dayRange({ from: '2026-03-09', to: '2026-03-09' }, now)).toMatchObject({ from: '2026-03-09', to: '2026-03-09' });
  });
});

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain@example.com')).toBe('plain@example.com');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes computed numbers as numbers', () => {
    expect(csvCell(-4)).toBe('-4');
    expect(csvCell(12)).toBe('12');
  });
});

describe('activityCsv', () => {
  it('has a header row and one row per actor per day, oldest first, a column per action kind', () => {
    const report = aggregateActivity(
      [
        group({ day: '2026-03-02', action: 'synthesize', count: 2, credits: 8 }),
        group({ day: '2026-03-01', personId: null, subject: '=cmd|calc', label: null, action: 'regenerate', count: 1, credits: 1 }),
      ],
      { from: '2026-03-01', to: '2026-03-02' },
    );
    expect(activityCsv(report, ['synthesize', 'regenerate'])).toBe(
      'day,actor,actor_type,synthesize,regenerate,total_actions,credits\r\n' +
        "2026-03-01,'=cmd|calc,subject,0,1,1,1\r\n" +
        '2026-03-02,ana@example.com,person,2,0,2,8\r\n',
    );
  });

  it('adds a column for an action kind it was not told about rather than dropping it', () => {
    const report = aggregateActivity([group({ action: 'export', credits: 0 })], { from: '2026-03-02', to: '2026-03-02' });
    expect(activityCsv(report, ['synthesize']).split('\r\n')[0]).toBe('day,actor,actor_type,synthesize,export,total_actions,credits');
  });
});
