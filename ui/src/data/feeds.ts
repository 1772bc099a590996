// The studio's calendar feeds, on its server: an admin lists, makes and revokes them. The
// list's key carries who is signed in, so an admin signing in asks again at once.
import { useQuery } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { CommandError, CreateFeedRequest, Feed } from "../api/types";
import { keys } from "./keys";
import { useWrite, type Then } from "./write";

/** The feeds; nothing is asked while `enabled` is false (a standalone desk has none). */
export function useFeeds(who: string, enabled: boolean) {
  return useQuery<Feed[], CommandError>({
    queryKey: keys.feeds(who),
    queryFn: api.feeds,
    enabled,
    // Refused for want of an admin or a server: asking again changes nothing.
    retry: false,
  });
}

/** Makes a feed; the answer carries its secret address, given this once. */
export function useCreateFeed(then?: Then<Feed, CreateFeedRequest>) {
  return useWrite((request: CreateFeedRequest) => api.createFeed(request), { stale: "feeds" }, then);
}

export function useRevokeFeed(then?: Then<null, string>) {
  return useWrite((id: string) => api.revokeFeed(id), { stale: "feeds" }, then);
}
