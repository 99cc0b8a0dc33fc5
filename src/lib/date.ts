/**
 * # os.date and os.time
 *
 * Responsibility: converting between time stamps (seconds since the
 * epoch) and broken-down dates, in UTC and in the host's local time zone,
 * and formatting dates with C99 `strftime` in the C locale.
 *
 * Manual: §6.9 (`os.date`, `os.time`).
 *
 * PUC-Rio counterpart: `os_date`, `os_time`, `checkoption`, `getfield`,
 * `setallfields` in loslib.c, over the C library's `gmtime`, `localtime`,
 * `mktime` and `strftime` (glibc's behaviour is the reference).
 *
 * Invariants:
 * - Calendar arithmetic is proleptic Gregorian on day numbers (Hinnant's
 *   `days_from_civil`/`civil_from_days`), so it works far beyond the range
 *   of JS `Date`; only the local zone (a `LocalZone`, the platform's) says
 *   what local time is: `dateZone`, the host's zone as JS `Date` sees it,
 *   unless another is given.
 * - A `DateTable` holds Lua's field values: month 1-12, yday 1-366,
 *   wday 1-7 with Sunday 1; `isdst` is always false in UTC.
 * - Only the conversions of LUA_STRFTIMEOPTIONS (C99 plus the E and O
 *   modifiers) are accepted; in the C locale the modifiers change nothing.
 *
 * Read next: `utf8-core.ts`.
 */

import { LibError } from './lib-error.ts';
import { tointeger, normint } from '../value/number.ts';
import type { LuaValue } from '../value/types.ts';
import type { LocalZone } from '../api/platform.ts';

/** The fields of the table `os.date('*t')` returns and `os.time` reads. */
export interface DateTable {
  /** The full year (`2024`, not years since 1900 as in C's `struct tm`). */
  year: number;
  /** Month of the year, 1-12. */
  month: number;
  /** Day of the month, 1-31. */
  day: number;
  /** Hour, 0-23. */
  hour: number;
  /** Minute, 0-59. */
  min: number;
  /** Second, 0-59 (`os.time` normalises values out of range). */
  sec: number;
  /** Day of the year, 1 for January 1st. */
  yday: number;
  /** Day of the week, 1 for Sunday. */
  wday: number;
  /** Daylight saving time is in effect. */
  isdst: boolean;
}

const INT_MAX = 0x7fffffff;
const INT_MIN = -0x80000000;

// ------------------------------------------------------------ calendar

/** Days from 1970-01-01 to year-month-day (month 1-12). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number. */
function civilFromDays(z: number): { year: number; month: number; day: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Split a time stamp into whole days and the second of the day. */
function splitTime(t: number | bigint): { days: number; secs: number } {
  if (typeof t === 'bigint') {
    let days = t / 86400n;
    let secs = t % 86400n;
    if (secs < 0n) { secs += 86400n; days -= 1n; }
    return { days: Number(days), secs: Number(secs) };
  }
  const days = Math.floor(t / 86400);
  return { days, secs: t - days * 86400 };
}

/** `gmtime`: the UTC fields of time stamp `t` shifted by `offset` seconds. */
function brokenDown(t: number | bigint, offset: number, isdst: boolean): DateTable {
  const { days, secs } = splitTime(typeof t === 'bigint' ? t + BigInt(offset) : t + offset);
  const { year, month, day } = civilFromDays(days);
  if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
    throw new LibError('date result cannot be represented in this installation');
  }
  return {
    year, month, day,
    hour: Math.floor(secs / 3600), min: Math.floor(secs / 60) % 60, sec: secs % 60,
    yday: days - daysFromCivil(year, 1, 1) + 1,
    wday: (((days + 4) % 7) + 7) % 7 + 1,
    isdst,
  };
}

// ------------------------------------------------------------ local zone

/** JS `Date` covers ±8.64e15 ms; outside it use the offset at its edge. */
const DATE_LIMIT = 8.64e12;

/** The host's local zone as JS `Date` and `Intl` see it (the TZ variable in Node, the system's zone in a browser). */
export const dateZone: LocalZone = {
  offset(t) {
    const clamped = Math.max(-DATE_LIMIT, Math.min(DATE_LIMIT, t));
    return -new Date(clamped * 1000).getTimezoneOffset() * 60;
  },
  rule(t) {
    const year = new Date(Math.max(-DATE_LIMIT, Math.min(DATE_LIMIT, t)) * 1000).getFullYear();
    const jan = -new Date(year, 0, 1).getTimezoneOffset() * 60;
    const jul = -new Date(year, 6, 1).getTimezoneOffset() * 60;
    return { standard: Math.min(jan, jul), shift: Math.abs(jan - jul) };
  },
  name(t) {
    const clamped = Math.max(-DATE_LIMIT, Math.min(DATE_LIMIT, t));
    const parts = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date(clamped * 1000));
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  },
};

/** UTC as a zone: what `!` in a format of os.date selects. */
const UTC: LocalZone = { offset: () => 0, rule: () => ({ standard: 0, shift: 0 }), name: () => 'GMT' };

/** `localtime`: the fields of time stamp `t` in `zone`. */
export function localTime(t: number | bigint, zone: LocalZone = dateZone): DateTable {
  const n = Number(t);
  const offset = zone.offset(n);
  return brokenDown(t, offset, offset > zone.rule(n).standard);
}

/** `gmtime`: the UTC fields of time stamp `t`. */
export function utcTime(t: number | bigint): DateTable {
  return brokenDown(t, 0, false);
}

// ------------------------------------------------------------ strftime

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'];

/** The conversions Lua accepts: one-letter ones, then the two-letter ones. */
const OPTIONS_1 = 'aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%';
const OPTIONS_2 = ['Ec', 'EC', 'Ex', 'EX', 'Ey', 'EY',
  'Od', 'Oe', 'OH', 'OI', 'Om', 'OM', 'OS', 'Ou', 'OU', 'OV', 'Ow', 'OW', 'Oy'];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Weekday counted from Monday = 1 to Sunday = 7. */
const isoWeekday = (d: DateTable) => ((d.wday + 5) % 7) + 1;

/** ISO 8601 weeks in a year: 53 when it starts on Thursday (or Wednesday, leap). */
function isoWeeksIn(year: number): number {
  const p = (y: number) => (((y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7) + 7) % 7;
  return p(year) === 4 || p(year - 1) === 3 ? 53 : 52;
}

/** The ISO 8601 week-based year and week number. */
function isoWeek(d: DateTable): { year: number; week: number } {
  const week = Math.floor((d.yday - isoWeekday(d) + 10) / 7);
  if (week < 1) return { year: d.year - 1, week: isoWeeksIn(d.year - 1) };
  if (week > isoWeeksIn(d.year)) return { year: d.year + 1, week: 1 };
  return { year: d.year, week };
}

/** Year modulo 100 and century, as glibc prints them for any year. */
const yy = (year: number) => pad2(((year % 100) + 100) % 100);
/** glibc prints the century unpadded: 0 for years 0-99, -1 for -1..-100. */
const century = (year: number) => String(Math.floor(year / 100));

/** One conversion (without its E/O modifier) for the date `d`, time `t` in `zone`. */
function convert(c: string, d: DateTable, t: number, zone: LocalZone): string {
  switch (c) {
    case 'a': return DAYS[d.wday - 1]!.slice(0, 3);
    case 'A': return DAYS[d.wday - 1]!;
    case 'b': case 'h': return MONTHS[d.month - 1]!.slice(0, 3);
    case 'B': return MONTHS[d.month - 1]!;
    case 'c': return `${convert('a', d, t, zone)} ${convert('b', d, t, zone)} ${convert('e', d, t, zone)} ${convert('T', d, t, zone)} ${d.year}`;
    case 'C': return century(d.year);
    case 'd': return pad2(d.day);
    case 'D': case 'x': return `${pad2(d.month)}/${pad2(d.day)}/${yy(d.year)}`;
    case 'e': return String(d.day).padStart(2, ' ');
    case 'F': return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
    case 'g': return yy(isoWeek(d).year);
    case 'G': return String(isoWeek(d).year);
    case 'H': return pad2(d.hour);
    case 'I': return pad2(((d.hour + 11) % 12) + 1);
    case 'j': return String(d.yday).padStart(3, '0');
    case 'm': return pad2(d.month);
    case 'M': return pad2(d.min);
    case 'n': return '\n';
    case 'p': return d.hour < 12 ? 'AM' : 'PM';
    case 'r': return `${convert('I', d, t, zone)}:${pad2(d.min)}:${pad2(d.sec)} ${convert('p', d, t, zone)}`;
    case 'R': return `${pad2(d.hour)}:${pad2(d.min)}`;
    case 'S': return pad2(d.sec);
    case 't': return '\t';
    case 'T': case 'X': return `${pad2(d.hour)}:${pad2(d.min)}:${pad2(d.sec)}`;
    case 'u': return String(isoWeekday(d));
    case 'U': return pad2(Math.floor((d.yday + 6 - (d.wday - 1)) / 7));
    case 'V': return pad2(isoWeek(d).week);
    case 'w': return String(d.wday - 1);
    case 'W': return pad2(Math.floor((d.yday + 6 - (isoWeekday(d) - 1)) / 7));
    case 'y': return yy(d.year);
    case 'Y': return String(d.year);
    case 'z': {
      const offset = zone.offset(t);
      const a = Math.abs(offset) / 60;
      return (offset < 0 ? '-' : '+') + pad2(Math.floor(a / 60)) + pad2(a % 60);
    }
    case 'Z': return zone.name(t);
    default: return '%';
  }
}

/**
 * `os.date(format, time)`: a string, or the fields for `*t` / `!*t`. A
 * leading `!` selects UTC. Invalid conversions raise an argument error
 * on argument 1 naming the rest of the format.
 */
export function osDate(format: string, time: number | bigint, local: LocalZone = dateZone): string | DateTable {
  const utc = format.startsWith('!');
  const s = utc ? format.slice(1) : format;
  const zone = utc ? UTC : local;
  const d = utc ? utcTime(time) : localTime(time, zone);
  if (s === '*t') return d;
  const t = Number(time);
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '%') {
      out += s[i++];
      continue;
    }
    i++;
    if (OPTIONS_1.includes(s[i] ?? '\0') && s[i] !== undefined) {
      out += convert(s[i]!, d, t, zone);
      i += 1;
    } else if (OPTIONS_2.includes(s.slice(i, i + 2))) {
      out += convert(s[i + 1]!, d, t, zone);
      i += 2;
    } else {
      // C prints the rest of the format up to a NUL.
      const rest = s.slice(i).split('\0')[0];
      throw new LibError(`invalid conversion specifier '%${rest}'`, 1);
    }
  }
  return out;
}

// ------------------------------------------------------------ os.time

/** Read one field as `getfield` does: default `d` (none if < 0), minus `delta`. */
function getField(get: (key: string) => LuaValue, key: string, d: number, delta: number): number {
  const v = get(key);
  const n = tointeger(v);
  if (n === undefined) {
    if (v !== undefined) throw new LibError(`field '${key}' is not an integer`);
    if (d < 0) throw new LibError(`field '${key}' missing in date table`);
    return d;
  }
  const r = Number(n);
  if (!(r >= 0 ? r - delta <= INT_MAX : INT_MIN + delta <= r)) {
    throw new LibError(`field '${key}' is out-of-bound`);
  }
  return r - delta;
}

/**
 * `os.time(table)`: read the fields through `get` (the table lookup),
 * normalise them as `mktime` does in local time, and return the time
 * stamp with the normalised fields the layer writes back to the table.
 */
export function osTime(get: (key: string) => LuaValue, zone: LocalZone = dateZone): { time: number | bigint; fields: DateTable } {
  const year = getField(get, 'year', -1, 1900) + 1900;
  const month = getField(get, 'month', -1, 1);
  const day = getField(get, 'day', -1, 0);
  const hour = getField(get, 'hour', 12, 0);
  const min = getField(get, 'min', 0, 0);
  const sec = getField(get, 'sec', 0, 0);
  const dst = get('isdst');
  // Months first (they change the year), then everything else as seconds;
  // BigInt because years up to 2^31 take time stamps beyond 2^53.
  const y = year + Math.floor(month / 12);
  const days = daysFromCivil(y, (((month % 12) + 12) % 12) + 1, 1) + day - 1;
  const wall = BigInt(days) * 86400n + BigInt(hour * 3600 + min * 60 + sec);
  // Local wall-clock time to a time stamp: the offset depends on the result.
  const approximate = Number(wall);
  let offset = zone.offset(approximate - zone.offset(approximate));
  if (dst !== undefined) {
    // glibc's mktime moves the clock by the zone's DST shift (an hour in
    // a zone without DST) when the isdst field contradicts the date.
    const { standard, shift } = zone.rule(approximate - offset);
    const inDst = offset > standard;
    if (dst !== false && !inDst) offset += shift || 3600;
    else if (dst === false && inDst) offset -= shift || 3600;
  }
  const t = wall - BigInt(offset);
  // mktime answers -1 on failure, so a true -1 is refused too.
  const unrepresentable = () => new LibError('time result cannot be represented in this installation');
  if (t === -1n) throw unrepresentable();
  let fields: DateTable;
  try {
    fields = localTime(t, zone);
  } catch {
    throw unrepresentable();
  }
  return { time: normint(t), fields };
}

/** `os.time()`: the time stamp of `now` (milliseconds since the epoch, the platform's clock). */
export function currentTime(now: number = Date.now()): number {
  return Math.floor(now / 1000);
}
