// Reads an iCalendar feed on stdin with ical.js (Mozilla's parser, the one Thunderbird
// uses) and prints its calendar and events as JSON, so the Rust tests check a feed as an
// independent client reads it: times converted to UTC by the parser, not by us.
// A feed the parser refuses makes this exit 1 with the parser's message.
import ICAL from 'ical.js';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString('utf8');

try {
  const root = new ICAL.Component(ICAL.parse(text));
  if (root.name !== 'vcalendar') throw new Error(`not a VCALENDAR but ${root.name}`);
  const utc = (time) => time.convertToZone(ICAL.Timezone.utcTimezone).toString();
  const events = root.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue('status'),
      start: utc(event.startDate),
      end: utc(event.endDate),
      stamp: utc(vevent.getFirstPropertyValue('dtstamp')),
      summary: event.summary,
      location: event.location,
      description: vevent.getFirstPropertyValue('description'),
    };
  });
  const calendar = {
    version: root.getFirstPropertyValue('version'),
    prodid: root.getFirstPropertyValue('prodid'),
    method: root.getFirstPropertyValue('method'),
    calscale: root.getFirstPropertyValue('calscale'),
    name: root.getFirstPropertyValue('x-wr-calname'),
  };
  process.stdout.write(JSON.stringify({ calendar, events }));
} catch (error) {
  process.stderr.write(`ical.js refused the feed: ${error.message}\n`);
  process.exit(1);
}
