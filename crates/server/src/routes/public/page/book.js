// @ts-check
// The public booking page (issue 24): a customer picks room, duration, date and start, the
// start is held for them while they type (the desks see it "Reserved"), and they book.
// In manage mode (a manage link) it shows the booking, its .ics and the cancel button.
// Plain ES2020, no framework and no build step; the server fills the data-* of <body>.

/** @typedef {{name: string, timezone: string, currency?: string, phone?: string, email?: string}} Studio */
/** @typedef {{id: string, name: string, durations: number[], pricePerHour: number}} Room */
/** @typedef {{studio: Studio, rooms: Room[],
 *   firstDate: string, lastDate: string, holdSeconds: number, cancelHours: number, reminderHours: number}} Offer */
/** @typedef {{start: string, end: string, status: "available"|"reserved"|"yours", price: number}} Slot */
/** @typedef {{id: string, room: string, roomName: string, start: string, end: string, price: number,
 *   currency: string, name?: string, status?: string, manage?: string, awaitingApproval?: boolean}} Booking */

const TEXT = {
  en: {
    room: "Room", duration: "Duration", date: "Date", dateHint: "Between {0} and {1}",
    times: "Start times", noTimes: "No start times left on this day. Please try another date.",
    reserved: "Reserved", loading: "Loading…", details: "Your details", name: "Name",
    email: "E-mail", phone: "Phone", optional: "(optional)", website: "Website",
    price: "Price: {0}", terms: "Free cancellation until {0} hours before the start.",
    book: "Book", booking: "Booking…", held: "{0} is held for you while you fill in your details.",
    taken: "Sorry, someone else has just taken this time. Please pick another one.",
    booked: "Booked!", bookedText: "Your booking is confirmed. Keep this link to see or cancel it:",
    yourBooking: "Your booking", calendar: "Add to calendar", cancel: "Cancel booking",
    cancelAsk: "Do you really want to cancel this booking?", cancelYes: "Yes, cancel it",
    cancelNo: "No, keep it", cancelled: "This booking is cancelled.",
    cancelledNow: "Your booking is cancelled.",
    tooLate: "Free cancellation ended on {0}. To cancel or change this booking, please contact {1}.",
    contact: "Phone: {0}", contactMail: "E-mail: {0}", canCancel: "You can cancel free of charge here until {0}.",
    notFound: "Booking not found", notFoundText: "This link is not valid or has expired. Please check the link in your e-mail or contact the studio.",
    noPage: "Online booking is not available here. Please check the address or contact the studio.", noPageTitle: "Page not found",
    "invalid.name": "Please enter your name.", "invalid.email": "Please enter a valid e-mail address.",
    "invalid.phone": "Please enter a valid phone number, or leave it empty.",
    "invalid.start": "This start time can no longer be booked online. Please pick another one.",
    "invalid.cancel": "It is too late to cancel online. Please contact the studio.",
    invalid: "Please check your entries.", rate: "Too many attempts. Please wait {0} seconds and try again.",
    offline: "No connection. Please check your internet and try again.",
    failed: "Something went wrong on our side. Please try again in a moment.",
    h: "{0} h", min: "{0} min",
    remind: "Send me a reminder e-mail {0} hours before the start",
    remindersOn: "You get a reminder e-mail before each of your bookings.", remindersOff: "You get no reminder e-mails.",
    remindersStop: "Stop reminders", remindersStart: "Send me reminders",
    requested: "Request received!", waiting: "Waiting for the studio's approval.",
    requestedText: "The studio confirms your booking shortly by e-mail; the time is kept for you until then. Keep this link to see or cancel it:",
  },
  de: {
    room: "Raum", duration: "Dauer", date: "Datum", dateHint: "Zwischen {0} und {1}",
    times: "Startzeiten", noTimes: "An diesem Tag ist keine Startzeit mehr frei. Bitte wählen Sie ein anderes Datum.",
    reserved: "Reserviert", loading: "Wird geladen…", details: "Ihre Angaben", name: "Name",
    email: "E-Mail", phone: "Telefon", optional: "(optional)", website: "Website",
    price: "Preis: {0}", terms: "Kostenlose Stornierung bis {0} Stunden vor Beginn.",
    book: "Buchen", booking: "Wird gebucht…", held: "{0} ist für Sie reserviert, während Sie Ihre Angaben eintragen.",
    taken: "Leider hat gerade jemand anderes diese Zeit genommen. Bitte wählen Sie eine andere.",
    booked: "Gebucht!", bookedText: "Ihre Buchung ist bestätigt. Mit diesem Link können Sie sie ansehen oder stornieren:",
    yourBooking: "Ihre Buchung", calendar: "Zum Kalender hinzufügen", cancel: "Buchung stornieren",
    cancelAsk: "Möchten Sie diese Buchung wirklich stornieren?", cancelYes: "Ja, stornieren",
    cancelNo: "Nein, behalten", cancelled: "Diese Buchung ist storniert.",
    cancelledNow: "Ihre Buchung ist storniert.",
    tooLate: "Die kostenlose Stornierung war bis {0} möglich. Um diese Buchung zu stornieren oder zu ändern, wenden Sie sich bitte an {1}.",
    contact: "Telefon: {0}", contactMail: "E-Mail: {0}", canCancel: "Sie können hier bis {0} kostenlos stornieren.",
    notFound: "Buchung nicht gefunden", notFoundText: "Dieser Link ist ungültig oder abgelaufen. Bitte prüfen Sie den Link in Ihrer E-Mail oder wenden Sie sich an das Studio.",
    noPage: "Hier gibt es keine Online-Buchung. Bitte prüfen Sie die Adresse oder wenden Sie sich an das Studio.", noPageTitle: "Seite nicht gefunden",
    "invalid.name": "Bitte geben Sie Ihren Namen ein.", "invalid.email": "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
    "invalid.phone": "Bitte geben Sie eine gültige Telefonnummer ein oder lassen Sie das Feld leer.",
    "invalid.start": "Diese Startzeit kann online nicht mehr gebucht werden. Bitte wählen Sie eine andere.",
    "invalid.cancel": "Für eine Online-Stornierung ist es zu spät. Bitte wenden Sie sich an das Studio.",
    invalid: "Bitte prüfen Sie Ihre Angaben.", rate: "Zu viele Versuche. Bitte warten Sie {0} Sekunden und versuchen Sie es erneut.",
    offline: "Keine Verbindung. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.",
    failed: "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.",
    h: "{0} Std.", min: "{0} Min.",
    remind: "Erinnern Sie mich {0} Stunden vor Beginn per E-Mail",
    remindersOn: "Sie erhalten vor jeder Ihrer Buchungen eine Erinnerung per E-Mail.", remindersOff: "Sie erhalten keine Erinnerungen per E-Mail.",
    remindersStop: "Keine Erinnerungen mehr", remindersStart: "Erinnerungen senden",
    requested: "Anfrage erhalten!", waiting: "Wartet auf die Freigabe durch das Studio.",
    requestedText: "Das Studio bestätigt Ihre Buchung in Kürze per E-Mail; bis dahin ist die Zeit für Sie reserviert. Mit diesem Link können Sie sie ansehen oder stornieren:",
  },
};
const lang = document.documentElement.lang === "de" ? "de" : "en";

/** The text `key` in the page's language, `{0}`, `{1}` replaced by `args`. */
function t(/** @type {keyof typeof TEXT.en} */ key, /** @type {(string|number)[]} */ ...args) {
  return TEXT[lang][key].replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
}

/** An element with attributes (`on…` functions become listeners) and children. */
function el(/** @type {string} */ tag, /** @type {Record<string, any>} */ attrs = {}, /** @type {(Node|string)[]} */ ...kids) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, "");
    else if (v !== false && v != null) node.setAttribute(k, String(v));
  }
  node.append(...kids);
  return node;
}

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const say = (/** @type {string} */ text) => { $("status").textContent = text; };
const warn = (/** @type {string} */ text) => { $("alert").textContent = text; };

class ApiError extends Error {
  constructor(/** @type {number} */ status, /** @type {string} */ code, /** @type {string} */ message, /** @type {number} */ retry) {
    super(message); this.status = status; this.code = code; this.retry = retry;
  }
}

/** A JSON call to the public API; failures become `ApiError` (status 0: no connection). */
async function api(/** @type {string} */ method, /** @type {string} */ path, /** @type {unknown} */ body = undefined) {
  const json = body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(`/public/v1${path}`, { method, ...json }).catch(() => { throw new ApiError(0, "offline", "", 0); });
  if (res.status === 204) return null;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data.error ?? "internal", data.message ?? "", Number(res.headers.get("Retry-After") ?? 0));
  return data;
}

/** Plain words for an error; never the server's own text (only the field it names). */
function explain(/** @type {unknown} */ e) {
  if (!(e instanceof ApiError)) return t("failed");
  if (e.code === "offline") return t("offline");
  if (e.code === "conflict") return t("taken");
  if (e.code === "rate_limited") return t("rate", e.retry || 60);
  if (e.code === "not_found") return document.body.dataset.mode === "manage" ? t("notFoundText") : t("noPage");
  if (e.code === "invalid") {
    const named = e.message.split(":")[0].trim();
    const field = /** @type {any} */ (`invalid.${["end", "duration", "room"].includes(named) ? "start" : named}`);
    return field in TEXT.en ? t(field) : t("invalid");
  }
  return t("failed");
}

/** A random UUID (v4), also where `crypto.randomUUID` is missing (plain http on a LAN). */
function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Formatting in the studio's time zone and currency. */
function formats(/** @type {string} */ timeZone, /** @type {string} */ currency) {
  const time = new Intl.DateTimeFormat(lang, { timeZone, hour: "2-digit", minute: "2-digit" });
  const day = new Intl.DateTimeFormat(lang, { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const money = new Intl.NumberFormat(lang, { style: "currency", currency: currency || "EUR" });
  const digits = money.resolvedOptions().maximumFractionDigits ?? 2;
  return {
    time: (/** @type {string} */ iso) => time.format(new Date(iso)),
    day: (/** @type {string} */ iso) => day.format(new Date(iso)),
    money: (/** @type {number} */ minor) => money.format(minor / 10 ** digits),
    span: (/** @type {{start: string, end: string}} */ b) => `${day.format(new Date(b.start))}, ${time.format(new Date(b.start))}–${time.format(new Date(b.end))}`,
  };
}

/** The local date `YYYY-MM-DD` of a day formatted for people (noon UTC: the same date everywhere). */
const dayOf = (/** @type {string} */ date, /** @type {ReturnType<typeof formats>} */ f) => f.day(`${date}T12:00:00Z`);

const minutes = (/** @type {number} */ m) => [m >= 60 ? t("h", Math.floor(m / 60)) : "", m % 60 ? t("min", m % 60) : ""].filter(Boolean).join(" ");

/** Radio buttons in a fieldset; `pick` gets the chosen value. */
function choices(/** @type {string} */ name, /** @type {string} */ legend, /** @type {[string, string][]} */ items, /** @type {string} */ chosen, /** @type {(v: string) => void} */ pick) {
  return el("fieldset", {}, el("legend", {}, legend), el("div", { class: "choices" }, ...items.map(([value, label]) =>
    el("label", {}, el("input", { type: "radio", name, value, checked: value === chosen, onchange: () => pick(value) }), label))));
}

const body = document.body;
const studio = encodeURIComponent(body.dataset.studio ?? "");
const token = encodeURIComponent(body.dataset.token ?? "");
const view = $("view");

/** Moves focus to a heading that just appeared, for keyboard and screen-reader users. */
function focusOn(/** @type {HTMLElement} */ heading) {
  heading.tabIndex = -1; heading.focus();
}

/** How customers reach the studio ("Phone: … · E-mail: …"); "" when it gave neither. */
const reach = (/** @type {Studio} */ s) =>
  [s.phone ? t("contact", s.phone) : "", s.email ? t("contactMail", s.email) : ""].filter(Boolean).join(" · ");

// ---- Booking mode -------------------------------------------------------------------------

async function bookingPage() {
  /** @type {Offer} */
  let offer;
  try { offer = await api("GET", `/studios/${studio}/offer`); } catch (e) { notFound(e); return; }
  const f = formats(offer.studio.timezone, offer.studio.currency);
  const session = uuid();
  const state = { room: offer.rooms[0], duration: offer.rooms[0]?.durations[0] ?? 60, date: offer.firstDate };
  /** @type {Slot | null} */ let chosen = null;
  /** @type {ReturnType<typeof setInterval> | undefined} */ let beat;
  /** @type {EventSource | null} */ let events = null;
  let asked = 0; // the latest slots request; older answers are dropped

  const slotsBox = el("div", { "aria-live": "off" });
  const form = el("form", { novalidate: true, hidden: true });
  const dateInput = /** @type {HTMLInputElement} */ (el("input", { type: "date", id: "date", min: offer.firstDate, max: offer.lastDate, value: state.date, required: true }));
  const durations = el("div");

  const release = () => {
    clearInterval(beat);
    if (chosen) fetch(`/public/v1/studios/${studio}/holds/${session}`, { method: "DELETE", keepalive: true }).catch(() => {});
    chosen = null;
    form.hidden = true;
  };

  const listen = () => {
    events?.close();
    const q = new URLSearchParams({ room: state.room.id, date: state.date });
    events = new EventSource(`/public/v1/studios/${studio}/events?${q}`);
    events.addEventListener("slots", () => { void loadSlots(); });
  };

  /** The start is no longer ours (taken, refused, or the hold ran out): no form, and why. */
  const lost = (/** @type {string} */ why) => { chosen = null; clearInterval(beat); form.hidden = true; warn(why); };

  const loadSlots = async () => {
    const n = ++asked;
    const q = new URLSearchParams({ room: state.room.id, date: state.date, duration: String(state.duration), session });
    /** @type {{slots: Slot[]} | null} */
    const answer = await api("GET", `/studios/${studio}/slots?${q}`).catch((e) => { if (n === asked) warn(explain(e)); return null; });
    if (answer && n === asked) showSlots(answer.slots);
  };

  const showSlots = (/** @type {Slot[]} */ slots) => {
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.start : undefined;
    const list = el("ul", { class: "slots" }, ...slots.map((s) => {
      const mine = s.status === "yours" || (chosen?.start === s.start && s.status !== "reserved");
      const label = s.status === "reserved" ? t("reserved") : f.money(s.price || 0);
      return el("li", {}, el("button", {
        type: "button", "data-start": s.start, "data-end": s.end, "data-status": s.status, disabled: s.status === "reserved",
        "aria-pressed": mine ? "true" : "false",
        onclick: () => { void pick(s); },
      }, f.time(s.start), el("small", {}, s.status === "reserved" || s.price ? label : "")));
    }));
    slotsBox.replaceChildren(slots.length ? list : el("p", {}, t("noTimes")));
    if (chosen && !slots.some((s) => s.start === chosen?.start && s.status !== "reserved")) lost(t("taken"));
    if (focused) /** @type {HTMLElement | null} */ (slotsBox.querySelector(`[data-start="${focused}"]`))?.focus();
  };

  const hold = (/** @type {Slot} */ s) => api("PUT", `/studios/${studio}/holds/${session}`, { room: state.room.id, start: s.start, end: s.end });

  const pick = async (/** @type {Slot} */ s) => {
    warn(""); say("");
    clearInterval(beat);
    try { await hold(s); } catch (e) { lost(explain(e)); void loadSlots(); return; }
    chosen = s;
    // The heartbeat: the hold lasts holdSeconds unless renewed.
    beat = setInterval(() => {
      if (chosen) hold(chosen).catch((e) => { lost(explain(e)); void loadSlots(); });
    }, Math.max(1, offer.holdSeconds / 3) * 1000);
    say(t("held", f.span(s)));
    fillForm(s);
    void loadSlots();
  };

  const input = (/** @type {string} */ id, /** @type {string} */ label, /** @type {Record<string, any>} */ attrs, /** @type {string} */ hint = "") =>
    el("label", { class: "field", for: id }, label, hint ? el("span", { class: "hint" }, ` ${hint}`) : "", el("input", { id, name: id, ...attrs }));

  const fields = el("div", {},
    input("name", t("name"), { type: "text", autocomplete: "name", required: true, maxlength: 120 }),
    input("email", t("email"), { type: "email", autocomplete: "email", required: true, maxlength: 254 }),
    input("phone", t("phone"), { type: "tel", autocomplete: "tel", maxlength: 40 }, t("optional")),
    // The customer's consent to reminders, recorded with the booking (ticked: they want them).
    offer.reminderHours > 0 ? el("label", { class: "check", for: "reminders" },
      el("input", { id: "reminders", name: "reminders", type: "checkbox", checked: "" }), ` ${t("remind", offer.reminderHours)}`) : "",
    el("div", { class: "trap", "aria-hidden": "true" }, el("label", { for: "website" }, t("website")),
      el("input", { id: "website", name: "website", type: "text", tabindex: "-1", autocomplete: "off" })));
  const summary = el("div", { class: "summary" });
  const bookButton = /** @type {HTMLButtonElement} */ (el("button", { type: "submit", class: "primary" }, t("book")));
  const detailsHeading = el("h2", {}, t("details"));
  form.append(detailsHeading, summary, fields, el("div", { class: "actions" }, bookButton));

  const fillForm = (/** @type {Slot} */ s) => {
    summary.replaceChildren(el("p", {}, el("strong", {}, state.room.name), ` · ${f.span(s)}`),
      s.price ? el("p", {}, t("price", f.money(s.price))) : "", el("p", {}, t("terms", offer.cancelHours)));
    const wasHidden = form.hidden;
    form.hidden = false;
    if (wasHidden) focusOn(detailsHeading);
  };

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!chosen) return;
    const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id)).value.trim();
    const request = { session, room: state.room.id, start: chosen.start, end: chosen.end, name: value("name"),
      email: value("email"), phone: value("phone") || undefined, language: lang, website: value("website"),
      reminders: offer.reminderHours > 0 ? /** @type {HTMLInputElement} */ ($("reminders")).checked : undefined };
    if (!request.name) { warn(t("invalid.name")); $("name").focus(); return; }
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(request.email)) { warn(t("invalid.email")); $("email").focus(); return; }
    bookButton.disabled = true; bookButton.textContent = t("booking"); warn("");
    try {
      /** @type {Booking} */
      const booking = await api("POST", `/studios/${studio}/bookings`, request);
      clearInterval(beat); chosen = null; events?.close();
      confirmed(booking);
    } catch (e) {
      warn(explain(e));
      if (e instanceof ApiError && e.code === "invalid") {
        const field = e.message.split(":")[0].trim();
        if (["name", "email", "phone"].includes(field)) $(field).focus();
      }
      if (e instanceof ApiError && e.code === "conflict") { release(); void loadSlots(); }
    } finally {
      bookButton.disabled = false;
      bookButton.textContent = t("book");
    }
  });

  const confirmed = (/** @type {Booking} */ b) => {
    say("");
    const link = new URL(b.manage ?? "", location.origin).href;
    const heading = el("h2", {}, t(b.awaitingApproval ? "requested" : "booked"));
    view.replaceChildren(heading, el("div", { class: "summary" }, el("p", {}, el("strong", {}, b.roomName), ` · ${f.span(b)}`),
      b.price ? el("p", {}, t("price", f.money(b.price))) : "", el("p", {}, t("terms", offer.cancelHours))),
    el("p", {}, t(b.awaitingApproval ? "requestedText" : "bookedText")), el("p", {}, el("a", { class: "manage-link", href: link }, link)));
    focusOn(heading);
  };

  /** Another room, duration or date: our start is given back, and the new day listened to. */
  const changed = () => { release(); warn(""); say(""); listen(); void loadSlots(); };

  const showDurations = () => durations.replaceChildren(choices("duration", t("duration"),
    state.room.durations.map((m) => [String(m), minutes(m)]), String(state.duration),
    (v) => { state.duration = Number(v); changed(); }));

  dateInput.addEventListener("change", () => {
    if (!dateInput.value || dateInput.value < offer.firstDate || dateInput.value > offer.lastDate) return;
    state.date = dateInput.value;
    changed();
  });

  const dateHint = el("span", { class: "hint", id: "date-hint" }, t("dateHint", dayOf(offer.firstDate, f), dayOf(offer.lastDate, f)));
  dateInput.setAttribute("aria-describedby", "date-hint");
  view.replaceChildren(
    choices("room", t("room"), offer.rooms.map((r) => [r.id, r.name]), state.room?.id ?? "", (id) => {
      state.room = offer.rooms.find((r) => r.id === id) ?? state.room;
      if (!state.room.durations.includes(state.duration)) state.duration = state.room.durations[0];
      showDurations();
      changed();
    }),
    durations,
    el("label", { class: "field", for: "date" }, t("date"), " ", dateHint, dateInput),
    el("h2", {}, t("times")), slotsBox, form,
    reach(offer.studio) ? el("p", { class: "reach" }, reach(offer.studio)) : "");
  showDurations();
  if (!state.room) { warn(t("noPage")); return; }
  listen();
  void loadSlots();
  // Leaving the page gives the start back at once instead of when the hold runs out.
  addEventListener("pagehide", release);
}

// ---- Manage mode --------------------------------------------------------------------------

async function managePage() {
  /** @type {{booking: Booking, studio: {name: string, timezone: string, phone?: string, email?: string}, cancelUntil: string, canCancel: boolean}} */
  let m;
  try {
    m = await api("GET", `/manage/${token}`);
  } catch (e) {
    notFound(e);
    return;
  }
  showBooking(m);
}

/** The page for a link that leads nowhere: a tampered or expired manage link, or a studio
 * without online booking (the server also sends it as mode `missing`, with status 404). */
function notFound(/** @type {unknown} */ e) {
  if (e instanceof ApiError && e.status === 404) {
    const manage = location.pathname.startsWith("/book/manage/");
    document.title = $("title").textContent = t(manage ? "notFound" : "noPageTitle");
    view.replaceChildren(el("p", {}, t(manage ? "notFoundText" : "noPage")));
  } else warn(explain(e));
}

function showBooking(/** @type {{booking: Booking, studio: Studio, cancelUntil: string, canCancel: boolean, reminders?: boolean}} */ m) {
  const b = m.booking;
  const f = formats(m.studio.timezone, b.currency);
  const until = `${f.day(m.cancelUntil)}, ${f.time(m.cancelUntil)}`;
  const heading = el("h2", {}, t("yourBooking"));
  const cancelled = b.status === "cancelled";
  const actions = el("div", { class: "actions" });
  const cancelButton = el("button", { type: "button", class: "danger", onclick: () => ask() }, t("cancel"));
  const ask = () => {
    const no = el("button", { type: "button", onclick: () => { actions.replaceChildren(calendar(), cancelButton); cancelButton.focus(); } }, t("cancelNo"));
    const yes = el("button", { type: "button", class: "danger primary", onclick: () => { void cancel(yes); } }, t("cancelYes"));
    actions.replaceChildren(el("p", { id: "cancel-ask" }, t("cancelAsk")), yes, no);
    yes.focus();
  };
  const cancel = async (/** @type {HTMLElement} */ yes) => {
    yes.setAttribute("disabled", "");
    try {
      const after = await api("POST", `/manage/${token}/cancel`, {});
      showBooking(after);
      say(t("cancelledNow"));
    } catch (e) {
      yes.removeAttribute("disabled");
      warn(e instanceof ApiError && e.code === "invalid" ? t("invalid.cancel") : explain(e));
    }
  };
  // Reminders on or off for the customer's address: every booking of theirs.
  const remind = async (/** @type {HTMLElement} */ button) => {
    button.setAttribute("disabled", "");
    try { showBooking(await api("PUT", `/manage/${token}/reminders`, { reminders: !m.reminders })); } catch (e) {
      button.removeAttribute("disabled"); warn(explain(e));
    }
  };
  const reminders = cancelled || m.reminders === undefined ? "" : el("p", { class: "reminders" },
    t(m.reminders ? "remindersOn" : "remindersOff"), " ",
    el("button", { type: "button", onclick: (/** @type {Event} */ e) => { void remind(/** @type {HTMLElement} */ (e.currentTarget)); } },
      t(m.reminders ? "remindersStop" : "remindersStart")));
  const calendar = () => el("a", { class: "button", href: `/public/v1/manage/${token}/calendar.ics`, download: "booking.ics" }, t("calendar"));
  if (!cancelled) actions.append(calendar());
  if (!cancelled && m.canCancel) actions.append(cancelButton);
  view.replaceChildren(heading,
    el("div", { class: "summary" },
      el("p", {}, el("strong", {}, b.roomName), ` · ${f.span(b)}`),
      b.name ? el("p", {}, b.name) : "",
      b.price ? el("p", {}, t("price", f.money(b.price))) : ""),
    cancelled ? el("p", { class: "state" }, t("cancelled")) : m.canCancel ? el("p", {}, t("canCancel", until)) : "",
    !cancelled && b.awaitingApproval ? el("p", { class: "state" }, t("waiting")) : "",
    !cancelled && !m.canCancel ? el("p", {}, t("tooLate", until, m.studio.name)) : "",
    !cancelled && !m.canCancel && reach(m.studio) ? el("p", { class: "reach" }, reach(m.studio)) : "",
    actions, reminders);
  $("title").textContent = m.studio.name;
  focusOn(heading);
}

if (body.dataset.mode === "manage") void managePage();
else if (body.dataset.mode === "missing") notFound(new ApiError(404, "not_found", "", 0));
else void bookingPage();
