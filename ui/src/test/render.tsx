// Renders a component with the app's providers and a fresh query client.
import type { ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { I18nProvider, type Language } from "../i18n";
import { RoomStatusProvider } from "../data/rooms";

export function renderWithProviders(ui: ReactNode, language: Language = "en") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // As a wrapper, so `rerender` keeps the providers.
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <I18nProvider initial={language}>
        <RoomStatusProvider>{children}</RoomStatusProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
  return { client, ...render(ui, { wrapper }) };
}

/** Records every command the UI invokes, answering from `answers` (a function per command). */
export type Answer = (args: Record<string, unknown>) => unknown;

export function ipcRecorder(answers: Record<string, Answer>) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  const handler = (cmd: string, args: unknown) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: payload });
    const answer = answers[cmd];
    if (!answer) return null;
    return answer(payload);
  };
  return { calls, handler, of: (cmd: string) => calls.filter((c) => c.cmd === cmd) };
}
