// Reads iCalendar files with ical.js (Mozilla's parser, as in Thunderbird) and prints each event as
// JSON: uid, status, sequence, summary, and its start and end in UTC as ical.js computes them from
// the file's own VTIMEZONE. Used by tests/test_feeds_and_calendar.py:
//   node tests/browser/read_calendar.mjs calendar.ics [more.ics …]
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const files = {};
for (const path of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8')));
  // Times are read with the file's own VTIMEZONE, never with time zone data ical.js may carry.
  ICAL.TimezoneService.reset();
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  files[path] = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      status: vevent.getFirstPropertyValue('status'),
      sequence: event.sequence,
      summary: event.summary,
      tzid: vevent.getFirstProperty('dtstart').getParameter('tzid'),
      zone: event.startDate.zone.tzid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
    };
  });
}
process.stdout.write(JSON.stringify(files));
