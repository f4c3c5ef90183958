/** Dates in the staff consoles are always shown in Beijing time (Asia/Shanghai), whatever the browser's zone. */
const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `2024-05-01T01:02:03Z` → `2024-05-01 09:02:03`; empty for null. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of dateTimeFormat.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * The UTC instants bounding whole calendar days in Asia/Shanghai: the start of
 * `fromDay` and the last millisecond of `toDay` (both `YYYY-MM-DD`).
 */
export function shanghaiDayRange(fromDay: string, toDay: string): { from: string; to: string } {
  return {
    from: new Date(`${fromDay}T00:00:00.000+08:00`).toISOString(),
    to: new Date(`${toDay}T23:59:59.999+08:00`).toISOString(),
  };
}
