/**
 * Manual §6.9 (os.date, os.time): strftime conversions in the C locale,
 * the `*t` fields, and mktime's normalisation of os.time tables. Cases
 * were recorded from lua5.4 run with TZ=UTC (fixtures/date-cases.ts);
 * this spec runs in UTC too, so "local" time is UTC here.
 */
process.env.TZ = 'UTC';

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { osDate, osTime, utcTime, localTime, currentTime } from '../../src/lib/date.ts';
import { LibError } from '../../src/lib/lib-error.ts';
import type { LuaValue } from '../../src/value/types.ts';
import { dateCases, starT, timeCases } from './fixtures/date-cases.ts';

for (const [fmt, t, expected] of dateCases) {
  test(`os.date(${JSON.stringify(fmt)}, ${t})`, () => {
    if (typeof expected === 'string') {
      assert.is(osDate(fmt, t), expected);
      // In UTC the local conversions give the same text, except %Z.
      if (!fmt.includes('%Z')) assert.is(osDate(fmt.slice(1), t), expected);
    } else {
      try {
        osDate(fmt, t);
        assert.unreachable('should have raised');
      } catch (e) {
        assert.instance(e, LibError);
        assert.is((e as LibError).message, expected.error);
        assert.is((e as LibError).argument, expected.arg);
      }
    }
  });
}

for (const [t, fields] of starT) {
  test(`os.date('!*t', ${t})`, () => {
    assert.equal({ ...(osDate('!*t', t) as object) }, fields);
    assert.equal({ ...utcTime(t) }, fields);
    assert.equal({ ...localTime(t) }, fields);
  });
}

for (const [table, expected, normalised] of timeCases) {
  test(`os.time(${JSON.stringify(table)})`, () => {
    const get = (key: string) => table[key] as LuaValue;
    if (typeof expected === 'number') {
      const { time, fields } = osTime(get);
      assert.is(Number(time), expected);
      assert.equal({ ...fields }, normalised);
    } else {
      try {
        osTime(get);
        assert.unreachable('should have raised');
      } catch (e) {
        assert.instance(e, LibError);
        assert.is((e as LibError).message, expected.error);
      }
    }
  });
}

test('os.date("%Z") names the zone; os.time() is now', () => {
  assert.is(osDate('!%Z', 0), 'GMT');
  assert.is(osDate('%Z', 0), 'UTC');
  const now = currentTime();
  assert.ok(Math.abs(now - Date.now() / 1000) < 2);
});

test.run();
