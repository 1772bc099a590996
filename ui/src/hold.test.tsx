// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, renderHook } from "@testing-library/react";
import { HEARTBEAT_MS, useHold, type HoldApi } from "./hold";
import type { HoldSpan } from "./api/types";

const SPANS: HoldSpan[] = [
  { room: "studio-a", start: "2026-11-24T09:00:00+01:00", end: "2026-11-24T10:00:00+01:00" },
  { room: "podcast", start: "2026-11-24T09:00:00+01:00", end: "2026-11-24T09:30:00+01:00" },
];

function fakeApi(fail?: { code: string; message: string }) {
  const api = {
    setHolds: vi.fn(async () => {
      if (fail) throw fail;
      return "2026-11-24T08:00:10+01:00";
    }),
    releaseHolds: vi.fn(async () => {}),
  } satisfies HoldApi;
  return api;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("useHold", () => {
  it("holds at once, renews all spans in one call every 5 s, releases on unmount", async () => {
    const api = fakeApi();
    const { result, unmount } = renderHook(() => useHold("s1", SPANS, api));
    await act(async () => {});
    expect(result.current).toEqual({ state: "live", expiresAt: "2026-11-24T08:00:10+01:00" });
    expect(api.setHolds).toHaveBeenCalledTimes(1);
    expect(api.setHolds).toHaveBeenLastCalledWith("s1", SPANS);

    await act(async () => {
      await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_MS);
    });
    // One batched call per heartbeat, whatever the number of spans.
    expect(api.setHolds).toHaveBeenCalledTimes(4);
    expect(api.releaseHolds).not.toHaveBeenCalled();

    unmount();
    expect(api.releaseHolds).toHaveBeenCalledWith("s1");
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_MS);
    expect(api.setHolds).toHaveBeenCalledTimes(4);
  });

  it("stops renewing after a conflict and reports it", async () => {
    const api = fakeApi({ code: "conflict", message: "held by another desk" });
    const { result } = renderHook(() => useHold("s2", SPANS, api));
    await act(async () => {});
    expect(result.current).toEqual({ state: "failed", error: { code: "conflict", message: "held by another desk" } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_MS);
    });
    expect(api.setHolds).toHaveBeenCalledTimes(1);
  });

  it("holds nothing for no spans", async () => {
    const api = fakeApi();
    const { result } = renderHook(() => useHold("s3", [], api));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    });
    expect(result.current).toBeNull();
    expect(api.setHolds).not.toHaveBeenCalled();
  });
});
