import { describe, expect, it } from "vitest";
import { HALF_HOURS, checkSetup, fieldOfError, newRoom, newSetup, parsePrice, roomIdOf, roomIds, studioUpdate } from "./studioSetup";

describe("studio set-up", () => {
  it.each([
    ["40", 4000],
    ["40,50", 4050],
    ["40.50", 4050],
    ["40,5", 4050],
    ["40.05", 4005],
    [" 0 ", 0],
    ["40,", 4000],
    ["1234567,99", 123456799],
    // Where a float would go wrong (0.29 * 100 = 28.999…).
    ["0,29", 29],
    ["19.99", 1999],
  ])("reads the price %j as %i minor units", (typed, minor) => {
    expect(parsePrice(typed)).toBe(minor);
  });

  it.each(["", "abc", "40,505", "-5", "1.234,50", "40 €", ",50"])("refuses %j as a price", (typed) => {
    expect(parsePrice(typed)).toBeNull();
  });

  it("makes room ids from names: lowercase, a-z0-9 and dashes, unique", () => {
    expect(roomIdOf("Studio A")).toBe("studio-a");
    expect(roomIdOf("  Übungsraum #3 (groß) ")).toBe("ubungsraum-3-gross");
    expect(roomIdOf("!!!")).toBe("room");
    expect(roomIdOf("x".repeat(80))).toHaveLength(56);
    expect(roomIds(["Studio A", "studio-a", "Studio A 2", "Booth", "STUDIO A"])).toEqual([
      "studio-a",
      "studio-a-2",
      "studio-a-2-2",
      "booth",
      "studio-a-3",
    ]);
    for (const id of roomIds(["Ça va?", "", "Raum 1", "Raum 1"])) expect(id).toMatch(/^[a-z0-9-]{1,64}$/);
  });

  it("offers every half hour from 00:00 to 24:00", () => {
    expect(HALF_HOURS).toHaveLength(49);
    expect([HALF_HOURS[0], HALF_HOURS[1], HALF_HOURS[20], HALF_HOURS[48]]).toEqual(["00:00", "00:30", "10:00", "24:00"]);
  });

  it("checks a draft before sending it, by the backend's field names", () => {
    const draft = { ...newSetup("Europe/Berlin"), rooms: [newRoom(0), { ...newRoom(1), name: "Booth", durations: [], price: "4,5" }] };
    draft.from = "24:00";
    expect(checkSetup(draft)).toEqual({
      name: "nameRequired",
      "rooms[0].name": "roomNameRequired",
      "rooms[0].pricePerHour": "priceInvalid",
      "rooms[1].durations": "durationRequired",
      hours: "hoursInvalid",
    });
  });

  it("builds the StudioUpdate: every weekday, closed dates with no ranges, integer prices", () => {
    const draft = {
      ...newSetup("Europe/Zurich"),
      name: " Tonstudio Nord ",
      currency: "CHF",
      rooms: [{ key: 0, name: "Live Room", durations: [120, 60], price: "40,50" }],
      from: "09:30",
      to: "22:00",
      closed: ["2026-12-25"],
    };
    expect(checkSetup(draft)).toEqual({});
    expect(studioUpdate(draft, 4)).toEqual({
      version: 4,
      name: "Tonstudio Nord",
      timezone: "Europe/Zurich",
      holdTtlSeconds: 10,
      rooms: [{ id: "live-room", name: "Live Room", durations: [60, 120], interval: 60, pricePerHour: 4050, peaks: [], changeover: 0 }],
      hours: {
        weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["09:30", "22:00"]]])),
        dates: { "2026-12-25": [] },
      },
      currency: "CHF",
      noShowGraceMinutes: 15,
      staff: null,
    });
    // Without an admin's name nobody is asked for a PIN; with one, the PIN is checked.
    expect(checkSetup({ ...draft, adminName: "Mia", adminPin: "4711" })).toEqual({ adminPin: "pinInvalid" });
    expect(checkSetup({ ...draft, adminPin: "123456" })).toEqual({ adminName: "adminNameRequired" });
    expect(studioUpdate({ ...draft, adminName: " Mia ", adminPin: "471100" }, 4).staff).toEqual([
      { id: expect.any(String), name: "Mia", role: "admin", pin: "471100" },
    ]);
  });

  it("finds the form field a backend error names", () => {
    expect(fieldOfError("rooms[1].durations: room \"booth\": 50 minutes is not a valid duration")).toBe("rooms[1].durations");
    expect(fieldOfError("rooms[0].id: \"x y\" is not a valid room id")).toBe("rooms[0].name");
    expect(fieldOfError("rooms[2].interval: …")).toBe("rooms[2].durations");
    expect(fieldOfError("hours.weekly.mon: the ranges overlap")).toBe("hours");
    expect(fieldOfError("hours.dates.2026-12-25: bad range")).toBe("closed.2026-12-25");
    expect(fieldOfError("name: the studio needs a name")).toBe("name");
    expect(fieldOfError("timezone: \"Mars/Olympus\" is not a known IANA timezone")).toBe("timezone");
    expect(fieldOfError("staff[0].pin: a PIN has 4 to 8 digits")).toBe("adminPin");
    expect(fieldOfError("this desk is set up already")).toBeNull();
  });
});

describe("the new studio's country", () => {
  it("is sent when typed and left out when empty, so the backend takes the time zone's", () => {
    const draft = { ...newSetup("Europe/Vienna"), name: "Ton", rooms: [{ key: 0, name: "A", durations: [60], price: "" }] };
    expect("country" in studioUpdate(draft, 1)).toBe(false);
    expect(studioUpdate({ ...draft, country: " AT " }, 1).country).toBe("AT");
    expect(fieldOfError('country: "XX" is not a country')).toBe("country");
  });
});
