import { describe, expect, it } from 'vitest';
import { csvField, throughput, toCsv, toJson, type LogEntry } from './session-log';

const entry = (patch: Partial<LogEntry> = {}): LogEntry =>
  ({
    id: 'e1',
    characterId: 'char_1',
    characterName: 'Rowan',
    decision: 'approve',
    at: Date.UTC(2026, 0, 1, 12, 0, 0),
    phase: 'done',
    ...patch,
  }) as LogEntry;

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvField('the "Bold"')).toBe('"the ""Bold"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe(`"'-1"`);
  });

  it('writes a header and one row per decision', () => {
    const csv = toCsv([
      entry({ characterName: 'Ann, "A"' }),
      entry({ id: 'e2', decision: 'regenerate', pose: 'side', phase: 'failed', error: 'No credits' } as Partial<LogEntry>),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'decided_at,character_id,character_name,decision,pose,outcome,error',
      '2026-01-01T12:00:00.000Z,char_1,"Ann, ""A""",approve,,done,',
      '2026-01-01T12:00:00.000Z,char_1,Rowan,regenerate,side,failed,No credits',
      '',
    ]);
  });

  it('exports the same rows as JSON', () => {
    expect(JSON.parse(toJson([entry()]))).toEqual([
      {
        decided_at: '2026-01-01T12:00:00.000Z',
        character_id: 'char_1',
        character_name: 'Rowan',
        decision: 'approve',
        pose: '',
        outcome: 'done',
        error: '',
      },
    ]);
  });
});

describe('throughput', () => {
  const start = Date.UTC(2026, 0, 1, 12, 0, 0);
  it('is empty before the first decision', () => {
    expect(throughput([], start)).toEqual({ reviewed: 0, averageSeconds: null });
  });

  it('averages the session time over the characters decided', () => {
    const entries = [
      entry({ characterId: 'a', at: start + 4000 }),
      entry({ characterId: 'b', at: start + 9000 }),
      entry({ characterId: 'c', at: start + 12_000 }),
    ];
    expect(throughput(entries, start)).toEqual({ reviewed: 3, averageSeconds: 4 });
  });

  it('does not count undone decisions, and counts a character once', () => {
    const entries = [
      entry({ characterId: 'a', at: start + 2000 }),
      entry({ characterId: 'a', at: start + 4000, decision: 'regenerate' }),
      entry({ characterId: 'b', at: start + 6000, phase: 'undone' } as Partial<LogEntry>),
    ];
    expect(throughput(entries, start)).toEqual({ reviewed: 1, averageSeconds: 4 });
  });
});
