// Print the UTC start and end of every VEVENT of an ICS file as JSON, read with Mozilla's ical.js
// (Thunderbird's parser). Time zones come from the file's own VTIMEZONE components, as in
// Thunderbird: this is the check that catches a VTIMEZONE that only Python parsers read right.
// Usage: node ics_times.mjs FILE.ics   (NODE_PATH or a sibling node_modules must hold ical.js)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.ICALJS_DIR ? process.env.ICALJS_DIR + "/" : import.meta.url);
const ICAL = require("ical.js");

function show(t) {
  if (t.isDate) {
    const p = (n, w) => String(n).padStart(w, "0");
    return `D:${p(t.year, 4)}-${p(t.month, 2)}-${p(t.day, 2)}`;
  }
  return "T:" + new Date(t.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

const text = readFileSync(process.argv[2], "utf8");
const root = new ICAL.Component(ICAL.parse(text));
for (const vtz of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
}
const out = [];
for (const vevent of root.getAllSubcomponents("vevent")) {
  const ev = new ICAL.Event(vevent);
  out.push({
    uid: ev.uid,
    start: show(ev.startDate),
    end: show(ev.endDate),
    summary: ev.summary,
    location: ev.location,
    description: ev.description,
    categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues()),
    zone: ev.startDate.isDate ? null : ev.startDate.zone.tzid,
  });
}
process.stdout.write(JSON.stringify(out));
