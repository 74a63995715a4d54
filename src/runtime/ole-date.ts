/**
 * OLE Automation dates (VT_DATE): a double counting days since 1899-12-30 00:00, whose fraction
 * is the time of day even for negative values (-1.25 is 1899-12-29 06:00).
 *
 * An OLE date has no time zone but a JavaScript Date is an instant, so the runtime has to pick
 * one: it uses UTC throughout. The results do not depend on the machine's time zone, and
 * `new Date(Date.UTC(2024, 0, 2))` is OLE date 45293 everywhere.
 */

const DAY_MS = 86_400_000;
const OLE_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Smallest OLE date (0100-01-01), as VariantChangeType accepts it. */
export const OLE_DATE_MIN = -657434;
/** Largest OLE date (9999-12-31 23:59:59.999…). */
export const OLE_DATE_MAX = 2958466 - 1 / DAY_MS;

/** True when `oa` is a finite number inside the OLE date range. */
export function isOleDateInRange(oa: number): boolean {
  return oa >= OLE_DATE_MIN && oa < 2958466;
}

/** Converts an OLE date number to a Date (UTC). The caller checks the range. */
export function dateFromOle(oa: number): Date {
  const days = Math.trunc(oa);
  const fraction = Math.abs(oa - days);
  return new Date(OLE_EPOCH_MS + days * DAY_MS + Math.round(fraction * DAY_MS));
}

/** Converts a Date to an OLE date number (NaN for an invalid Date). */
export function oleFromDate(date: Date): number {
  const total = (date.getTime() - OLE_EPOCH_MS) / DAY_MS;
  if (!Number.isFinite(total) || total >= 0) return total;
  const days = Math.floor(total);
  const fraction = total - days;
  return fraction === 0 ? days : days - fraction;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * Formats like VarBstrFromDate in the invariant locale: `MM/dd/yyyy HH:mm:ss`, without the time
 * when it is midnight and without the date when it is the OLE epoch day (a pure time value).
 */
export function formatOleDate(date: Date): string {
  const datePart = `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${pad(date.getUTCFullYear(), 4)}`;
  const timePart = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const isMidnight = date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0;
  const isEpochDay = Math.floor((date.getTime() - OLE_EPOCH_MS) / DAY_MS) === 0;
  if (isEpochDay && !isMidnight) return timePart;
  return isMidnight ? datePart : `${datePart} ${timePart}`;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AP]M))?)?$/i;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AP]M))?$/i;

/**
 * Parses the forms the runtime writes and the usual invariant ones: `yyyy-MM-dd[THH:mm[:ss[.fff]]][Z]`,
 * `MM/dd/yyyy[ HH:mm[:ss][ AM|PM]]` and a bare time `HH:mm[:ss][ AM|PM]` (on the OLE epoch day).
 * All are read as UTC. Returns `undefined` when the text is not a date.
 */
export function parseOleDate(text: string): Date | undefined {
  const s = text.trim();
  let m = ISO.exec(s);
  if (m !== null) {
    return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? "0").padEnd(3, "0"), undefined);
  }
  m = US.exec(s);
  if (m !== null) return build(+m[3]!, +m[1]!, +m[2]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, m[7]);
  m = TIME.exec(s);
  if (m !== null) return build(1899, 12, 30, +m[1]!, +m[2]!, +(m[3] ?? 0), 0, m[4]);
  return undefined;
}

function build(y: number, mo: number, d: number, h: number, mi: number, sec: number, ms: number, ampm: string | undefined): Date | undefined {
  if (ampm !== undefined) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (ampm.toUpperCase() === "PM" ? 12 : 0);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms));
  // Date.UTC maps years 0-99 to 1900-1999; OLE dates start in year 100 anyway, so reject them.
  if (y < 100) return undefined;
  // Reject day overflow such as 02/30 instead of rolling into March.
  return date.getUTCDate() === d ? date : undefined;
}
