// A small stand-in for the server's public booking API (docs: /work/notes/public-api.md and
// docs/public-page.md), for developing the page while the server side is being written:
// `node e2e/public-page-mock.mjs` serves it on a free loopback port and prints the address.
// It keeps holds and bookings in memory, with the desk's `GET/PUT/DELETE /v1/holds`,
// `POST /v1/bookings` and `GET /v1/events` beside the public ones. The real-browser test
// (e2e/public-page.test.mjs) runs against the real server unless PUBLIC_PAGE_MOCK=1.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { resolve } from "node:path";

const PAGE = resolve(import.meta.dirname, "../crates/server/src/routes/public/page");
const TZ = "Europe/Berlin";
const HOLD_SECONDS = 60;
const ROOMS = [
  { id: "studio-a", name: "Studio A", durations: [60, 120], pricePerHour: 4000 },
  { id: "podcast", name: "Podcast Booth", durations: [30, 60], pricePerHour: 0 },
];

/** The studio's date `days` from now, and its UTC offset on that date (`+01:00`). */
function studioDate(days, now = new Date()) {
  const d = new Date(now.getTime() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(d);
}
function offsetOf(date) {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: TZ, timeZoneName: "longOffset" })
    .formatToParts(new Date(`${date}T12:00:00Z`)).find((p) => p.type === "timeZoneName").value;
  return name === "GMT" ? "+00:00" : name.slice(3);
}
const at = (date, minute) => {
  const hh = String(Math.floor(minute / 60)).padStart(2, "0");
  const mm = String(minute % 60).padStart(2, "0");
  return `${date}T${hh}:${mm}:00${offsetOf(date)}`;
};

export async function startMock() {
  /** @type {Map<string, {room: string, start: string, end: string, desk: string, expires: number}>} */
  const holds = new Map();
  const bookings = new Map();
  const streams = { public: new Set(), desk: new Set() };
  const overlaps = (a, b) => a.room === b.room && Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
  const live = () => { for (const [k, h] of holds) if (h.expires < Date.now()) holds.delete(k); };
  const blockedBy = (span, session) => {
    live();
    for (const b of bookings.values()) if (b.status === "confirmed" && overlaps(b, span)) return "booked";
    for (const [s, h] of holds) if (s !== session && overlaps(h, span)) return "held";
    return null;
  };
  const notify = (room, date, seq) => {
    for (const res of streams.public) if (res.room === room && res.date === date) res.write("event: slots\ndata: {}\n\n");
    for (const res of streams.desk) {
      res.write(`event: holds\ndata: ${JSON.stringify({ room, dates: [date] })}\n\n`);
      if (seq) res.write(`event: change\ndata: ${JSON.stringify({ seq })}\n\n`);
    }
  };
  const dateOf = (iso) => iso.slice(0, 10);
  const manageOf = (b) => ({
    booking: { id: b.id, room: b.room, roomName: b.roomName, start: b.start, end: b.end, price: b.price, currency: "EUR", name: b.name, status: b.status },
    studio: { name: "Klangraum Studios", timezone: TZ, phone: "+49 30 1234567" },
    cancelUntil: new Date(Date.parse(b.start) - 24 * 3600_000).toISOString(),
    canCancel: b.status === "confirmed" && Date.parse(b.start) - 24 * 3600_000 > Date.now(),
  });
  let seq = 0;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const p = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const json = (status, value, headers = {}) => {
      res.writeHead(status, { "Content-Type": "application/json", ...headers });
      res.end(value === undefined ? undefined : JSON.stringify(value));
    };
    const fail = (status, error, message) => json(status, { error, message });
    let body = {};
    if (req.method === "PUT" || req.method === "POST") {
      let text = "";
      for await (const chunk of req) text += chunk;
      try { body = text ? JSON.parse(text) : {}; } catch { return fail(400, "bad_request", "body: not JSON"); }
    }
    const page = (mode, token) => {
      const html = readFileSync(resolve(PAGE, "book.html"), "utf8");
      const lang = url.searchParams.get("lang") === "de" ? "de" : "en";
      const fill = { lang, studio: "main", title: "Klangraum Studios", mode, token };
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(html.replace(/\{\{(\w+)\}\}/g, (_, k) => fill[k] ?? ""));
    };
    const route = `${req.method} ${p.join("/")}`;

    if (route === "GET book/main") return page("book", "");
    if (p[0] === "book" && p[1] === "manage" && p.length === 3) return page("manage", p[2]);
    if (p[0] === "book" && p[1] === "assets") {
      const type = p[2] === "book.js" ? "text/javascript" : "text/css";
      res.writeHead(200, { "Content-Type": `${type}; charset=utf-8` });
      return res.end(readFileSync(resolve(PAGE, p[2])));
    }
    if (p[0] === "public" && p[2] === "studios" && p[3] !== "main") return fail(404, "not_found", "no such studio");
    const api = p[0] === "public" ? p.slice(4).join("/") : null;
    if (route === "GET public/v1/studios/main/offer") {
      return json(200, { studio: { name: "Klangraum Studios", timezone: TZ, currency: "EUR" }, rooms: ROOMS,
        firstDate: studioDate(0), lastDate: studioDate(60), holdSeconds: HOLD_SECONDS, cancelHours: 24 });
    }
    if (req.method === "GET" && api === "slots") {
      const room = ROOMS.find((r) => r.id === url.searchParams.get("room"));
      const date = url.searchParams.get("date"), duration = Number(url.searchParams.get("duration"));
      const session = url.searchParams.get("session");
      if (!room) return fail(422, "invalid", "room: no such room");
      const slots = [];
      for (let m = 10 * 60; m + duration <= 22 * 60; m += 60) {
        const span = { room: room.id, start: at(date, m), end: at(date, m + duration) };
        const why = blockedBy(span, session);
        if (why === "booked" || Date.parse(span.start) <= Date.now()) continue;
        const mine = holds.get(session);
        const status = why ? "reserved" : mine && overlaps(mine, span) && mine.start === span.start ? "yours" : "available";
        slots.push({ start: span.start, end: span.end, status, price: (room.pricePerHour * duration) / 60 });
      }
      return json(200, { room: room.id, date, duration, slots });
    }
    if (req.method === "GET" && api === "events") {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
      Object.assign(res, { room: url.searchParams.get("room"), date: url.searchParams.get("date") });
      res.write(": hello\n\n");
      streams.public.add(res);
      return req.on("close", () => streams.public.delete(res));
    }
    const putHold = (session, span, desk) => {
      if (!ROOMS.some((r) => r.id === span.room)) return fail(422, "invalid", "room: no such room");
      if (blockedBy(span, session)) return fail(409, "conflict", "taken");
      const old = holds.get(session);
      holds.set(session, { ...span, desk, expires: Date.now() + HOLD_SECONDS * 1000 });
      if (old) notify(old.room, dateOf(old.start));
      notify(span.room, dateOf(span.start));
      return json(200, { expiresAt: new Date(Date.now() + HOLD_SECONDS * 1000).toISOString() });
    };
    const dropHold = (session) => {
      const old = holds.get(session);
      holds.delete(session);
      if (old) notify(old.room, dateOf(old.start));
      res.writeHead(204).end();
    };
    if (p[0] === "public" && p[4] === "holds" && req.method === "PUT") return putHold(p[5], body, "online");
    if (p[0] === "public" && p[4] === "holds" && req.method === "DELETE") return dropHold(p[5]);
    if (req.method === "POST" && api === "bookings") {
      for (const field of ["name", "email"]) if (!body[field]) return fail(422, "invalid", `${field}: required`);
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email)) return fail(422, "invalid", "email: not an e-mail address");
      if (body.phone && !/^\+?[\d\s()/-]{5,}$/.test(body.phone)) return fail(422, "invalid", `phone: "${body.phone}" is not a phone number`);
      const mine = holds.get(body.session);
      if (!mine || mine.start !== body.start || blockedBy(body, body.session)) return fail(409, "conflict", "taken");
      const room = ROOMS.find((r) => r.id === body.room);
      const id = randomUUID(), token = randomUUID().replaceAll("-", "");
      const minutes = (Date.parse(body.end) - Date.parse(body.start)) / 60_000;
      const b = { id, token, room: room.id, roomName: room.name, start: body.start, end: body.end, name: body.name,
        price: (room.pricePerHour * minutes) / 60, status: "confirmed", desk: "online" };
      bookings.set(token, b);
      holds.delete(body.session);
      notify(b.room, dateOf(b.start), ++seq);
      return json(201, { id, room: b.room, roomName: b.roomName, start: b.start, end: b.end, price: b.price, currency: "EUR", manage: `/book/manage/${token}` });
    }
    if (p[0] === "public" && p[2] === "manage") {
      const b = bookings.get(p[3]);
      if (!b) return fail(404, "not_found", "no such booking");
      if (req.method === "GET" && p[4] === "calendar.ics") {
        res.writeHead(200, { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'attachment; filename="booking.ics"' });
        const stamp = (iso) => new Date(iso).toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
        return res.end(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Frontdesk mock//EN", "BEGIN:VEVENT", `UID:${b.id}`,
          `DTSTAMP:${stamp(new Date().toISOString())}`, `DTSTART:${stamp(b.start)}`, `DTEND:${stamp(b.end)}`,
          `SUMMARY:${b.roomName}`, "END:VEVENT", "END:VCALENDAR", ""].join("\r\n"));
      }
      if (req.method === "GET" && p.length === 4) return json(200, manageOf(b));
      if (req.method === "POST" && p[4] === "cancel") {
        if (!manageOf(b).canCancel && b.status === "confirmed") return fail(422, "invalid", "too late: call the studio");
        b.status = "cancelled";
        notify(b.room, dateOf(b.start), ++seq);
        return json(200, manageOf(b));
      }
    }
    // The desk's side (any bearer token).
    if (route === "PUT v1/online-booking") return json(200, { version: 1, ...body });
    if (route === "GET v1/holds") {
      live();
      const date = url.searchParams.get("date"), room = url.searchParams.get("room");
      const list = [...holds.values()].filter((h) => dateOf(h.start) === date && (!room || h.room === room))
        .map((h) => ({ room: h.room, start: h.start, end: h.end, desk: h.desk, expiresAt: new Date(h.expires).toISOString() }));
      return json(200, { holds: list });
    }
    if (p[0] === "v1" && p[1] === "holds" && req.method === "PUT") return putHold(p[2], body.holds[0], "reception");
    if (p[0] === "v1" && p[1] === "holds" && req.method === "DELETE") return dropHold(p[2]);
    if (route === "GET v1/bookings") {
      const list = [...bookings.values()].filter((b) => b.status === "confirmed" && (!url.searchParams.get("room") || b.room === url.searchParams.get("room")));
      return json(200, { bookings: list.map((b) => ({ ...b, token: undefined })) });
    }
    if (route === "GET v1/events") {
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write(": hello\n\n");
      streams.desk.add(res);
      return req.on("close", () => streams.desk.delete(res));
    }
    return fail(404, "not_found", "no such endpoint");
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => { for (const s of [...streams.public, ...streams.desk]) s.end(); server.closeAllConnections(); server.close(); },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mock = await startMock();
  console.log(`listening on ${mock.url} (page: ${mock.url}/book/main)`);
}
