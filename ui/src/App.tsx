import { startTransition, useCallback, useEffect, useState, type ReactNode } from "react";
import { MutationCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { asCommandError } from "./api/errors";
import type { StudioInfo } from "./api/types";
import { ActivityView } from "./components/ActivityView";
import { isFullscreen, setFullscreen } from "./api/window";
import { Bookings } from "./components/Bookings";
import { BookingFlow } from "./components/BookingFlow";
import { inModal } from "./components/Dialog";
import { OpenCustomerContext } from "./components/CustomerLink";
import { CustomersView } from "./components/CustomersView";
import { DayBoardView, type BookAt } from "./components/DayBoard";
import { Progress } from "./components/Progress";
import { RoomsList } from "./components/RoomsList";
import { DaySheet } from "./components/DaySheet";
import { ReportsView } from "./components/reports/ReportsView";
import { loadChartjs } from "./components/reports/useChart";
import { RoomStatusProvider } from "./data/rooms";
import { SettingsView } from "./components/SettingsView";
import { SIGN_IN_EVENT, StaffBadge, StaffProvider } from "./components/SignIn";
import { SyncBar } from "./components/SyncBar";
import { SyncView } from "./components/SyncView";
import { LanguageSwitch, Welcome } from "./components/Welcome";
import { I18nProvider, useI18n } from "./i18n";
import type { MessageKey } from "./i18n/en";
import { useDeskEvents } from "./data/events";
import { useSettings } from "./data/settings";
import { useStudio } from "./data/studio";
import { useSingleKeyShortcuts } from "./prefs";
import { addDays, todayIn } from "./time";

/** When Chart.js loads after start, and then the Reports view renders out of sight (see `Desk`). */
const CHARTS_AFTER_MS = 3000;

type View = "board" | "book" | "rooms" | "bookings" | "customers" | "activity" | "reports" | "sync" | "settings" | "daySheet";

const NAV: { view: View; label: MessageKey; key: string }[] = [
  { view: "board", label: "nav.board", key: "b" },
  { view: "book", label: "nav.book", key: "n" },
  { view: "rooms", label: "nav.rooms", key: "r" },
  { view: "bookings", label: "nav.bookings", key: "f" },
  { view: "customers", label: "nav.customers", key: "c" },
  { view: "activity", label: "nav.activity", key: "a" },
  { view: "reports", label: "nav.reports", key: "p" },
  { view: "sync", label: "nav.sync", key: "s" },
  { view: "settings", label: "nav.settings", key: "," },
];

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    // A write refused for want of a PIN opens the sign-in dialog.
    mutationCache: new MutationCache({
      onError: (error) => {
        const code = asCommandError(error).code;
        if (code === "sign_in_required" || code === "admin_required") window.dispatchEvent(new Event(SIGN_IN_EVENT));
      },
    }),
    defaultOptions: {
      // The backend's events say when something changed; no refetch on a timer or focus.
      queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 60_000 },
    },
  });
}

export function App({ client = makeQueryClient() }: { client?: QueryClient }) {
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <RoomStatusProvider>
          <Shell />
        </RoomStatusProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  useDeskEvents();
  const settings = useSettings();
  const studio = useStudio();
  // A new desk (empty data folder) welcomes staff until it is connected, set up, or on the
  // demo; until then the studio it has is only a placeholder and is not shown.
  if (settings.data?.firstRun) {
    return (
      <div className="app">
        <Progress />
        <FirstRun />
      </div>
    );
  }
  return (
    <div className="app">
      <Progress />
      {(settings.isPending || studio.isPending) && !settings.isError && !studio.isError && (
        <p className="status">{t("app.loading")}</p>
      )}
      {settings.isError && (
        <div className="status error" role="alert">
          <span>{t("app.settingsFailed", { message: settings.error.message })}</span>
          <button type="button" className="button" onClick={() => void settings.refetch()}>
            {t("common.retry")}
          </button>
        </div>
      )}
      {!settings.isError && studio.isError && (
        <p className="status error" role="alert">
          {t("app.loadFailed", { message: studio.error.message })}
        </p>
      )}
      {settings.data && studio.data && (
        <StaffProvider>
          <Desk studio={studio.data} />
        </StaffProvider>
      )}
    </div>
  );
}

/** The first run: the brand, the language, and the welcome screen; no nav. */
function FirstRun() {
  return (
    <>
      <header className="app-header">
        <div className="brand">
          <h1>Frontdesk</h1>
        </div>
        <div className="header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main className="app-main">
        <Welcome />
      </main>
    </>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function Desk({ studio }: { studio: StudioInfo }) {
  const { t } = useI18n();
  const [view, setView] = useState<View>("board");
  const [date, setDate] = useState(() => todayIn(studio.timezone));
  const [bookAt, setBookAt] = useState<BookAt | undefined>();
  const [flowKey, setFlowKey] = useState(0);
  const [fullscreen, setFull] = useState(false);
  // The Customers screen starts afresh from the nav, or on one customer's page from a booking.
  const [customers, setCustomers] = useState<{ key: number; id?: string }>({ key: 0 });

  useEffect(() => {
    isFullscreen().then(setFull, () => setFull(false));
  }, []);

  // Chart.js (the Reports view's charts) loads a moment after start, while the desk waits;
  // then the Reports view renders once out of sight and stays mounted from then on (`Kept`),
  // so that opening it shows a view already rendered, laid out and drawn rather than paying
  // for all that on the click (docs/reports.md). Opened sooner, it is kept from then on.
  const [reportsKept, setReportsKept] = useState(false);
  useEffect(() => {
    let gone = false;
    // A transition: staff's taps on the board go first while it renders.
    const keep = () => !gone && startTransition(() => setReportsKept(true));
    const timer = window.setTimeout(() => void loadChartjs().then(keep, keep), CHARTS_AFTER_MS);
    return () => {
      gone = true;
      window.clearTimeout(timer);
    };
  }, []);

  const toggleFullscreen = useCallback((on: boolean) => {
    setFullscreen(on).then(
      () => setFull(on),
      () => setFull(false),
    );
  }, []);

  const open = useCallback((next: View) => {
    if (next === "book") {
      setBookAt(undefined);
      setFlowKey((k) => k + 1);
    }
    if (next === "customers") setCustomers((c) => ({ key: c.key + 1 }));
    if (next === "reports") setReportsKept(true);
    setView(next);
  }, []);

  const openCustomer = useCallback((id: string) => {
    setCustomers((c) => ({ key: c.key + 1, id }));
    setView("customers");
  }, []);

  // Keyboard shortcuts for the common steps: a key alone unless staff turned that off in
  // Settings, Alt + the key always; never while typing in a field or in a dialog, nor for a
  // key a control used already (the board's arrows).
  const [singleKeys] = useSingleKeyShortcuts();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || isTyping(e.target) || inModal(e.target)) return;
      if (e.key === "F11") {
        e.preventDefault();
        toggleFullscreen(!fullscreen);
        return;
      }
      if (!e.altKey && !singleKeys) return;
      // With Alt, the key's own letter (some layouts make Alt+B another character).
      const key = e.altKey && e.code.startsWith("Key") ? e.code.slice(3).toLowerCase() : e.key.toLowerCase();
      const nav = NAV.find((n) => n.key === key);
      if (nav) {
        e.preventDefault();
        open(nav.view);
      } else if (view === "board" && e.key === "ArrowLeft") {
        setDate((d) => addDays(d, -1));
      } else if (view === "board" && e.key === "ArrowRight") {
        setDate((d) => addDays(d, 1));
      } else if (view === "board" && key === "t") {
        setDate(todayIn(studio.timezone));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [view, open, studio.timezone, fullscreen, toggleFullscreen, singleKeys]);

  return (
    <>
      <header className="app-header">
        <div className="brand">
          <h1>Frontdesk</h1>
          <span className="studio-name" title={studio.name}>
            {studio.name}
          </span>
        </div>
        <nav className="nav" aria-label="Frontdesk">
          {NAV.map((n) => (
            <button
              type="button"
              key={n.view}
              className={`nav-item ${view === n.view ? "current" : ""}`}
              aria-current={view === n.view ? "page" : undefined}
              data-view={n.view}
              data-testid={`nav-${n.view}`}
              title={t(singleKeys ? "nav.keyHint" : "nav.keyHintAlt", { label: t(n.label), key: n.key.toUpperCase() })}
              onClick={() => open(n.view)}
            >
              {t(n.label)}
            </button>
          ))}
        </nav>
        {/* Right-aligned; the free space before it is left for who is signed in. */}
        <div className="header-tools">
          <StaffBadge />
          <SyncBar timezone={studio.timezone} onOpen={() => open("sync")} />
          <button
            type="button"
            className="nav-item icon"
            data-testid="fullscreen"
            aria-label={fullscreen ? t("nav.leaveFullscreen") : t("nav.fullscreen")}
            title={t("nav.keyHint", { label: fullscreen ? t("nav.leaveFullscreen") : t("nav.fullscreen"), key: "F11" })}
            onClick={() => toggleFullscreen(!fullscreen)}
          >
            <FullscreenIcon leave={fullscreen} />
          </button>
        </div>
      </header>
      <main className="app-main">
        <OpenCustomerContext.Provider value={openCustomer}>
          {view === "board" && (
            <DayBoardView
              studio={studio}
              date={date}
              setDate={setDate}
              onBook={(at) => {
                setBookAt(at);
                setFlowKey((k) => k + 1);
                setView("book");
              }}
              onDaySheet={() => setView("daySheet")}
            />
          )}
          {view === "daySheet" && <DaySheet studio={studio} date={date} setDate={setDate} onBack={() => setView("board")} />}
          {view === "book" && (
            <BookingFlow key={flowKey} studio={studio} initial={bookAt} onClose={() => setView("board")} />
          )}
          {view === "rooms" && <RoomsList studio={studio} />}
          {view === "bookings" && <Bookings studio={studio} />}
          {view === "activity" && <ActivityView studio={studio} />}
          {view === "sync" && <SyncView studio={studio} />}
          {view === "customers" && <CustomersView key={customers.key} studio={studio} initial={customers.id} />}
          {view === "settings" && <SettingsView studio={studio} fullscreen={fullscreen} onFullscreen={toggleFullscreen} />}
          {/* Last: out of sight, nothing of it comes before the view shown in the page. */}
          {(reportsKept || view === "reports") && (
            <Kept shown={view === "reports"}>
              <ReportsView studio={studio} shown={view === "reports"} />
            </Kept>
          )}
        </OpenCustomerContext.Provider>
      </main>
      <footer className="app-footer muted">{t(singleKeys ? "nav.shortcuts" : "nav.shortcutsOff")}</footer>
    </>
  );
}

/**
 * A view kept mounted while another is shown. Out of sight it is laid out at the width it
 * has when shown, in a box of no height (its charts are drawn at their size), invisible, out
 * of the accessibility tree, neither clickable nor focusable, and never printed (styles.css,
 * "Kept views").
 */
function Kept({ shown, children }: { shown: boolean; children: ReactNode }) {
  return (
    <div className="kept-view" data-shown={shown} inert={!shown} aria-hidden={shown ? undefined : true}>
      {children}
    </div>
  );
}

/** Four corners out (enter full screen) or in (leave it). */
function FullscreenIcon({ leave }: { leave: boolean }) {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
      <path d={leave ? "M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5" : "M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"} />
    </svg>
  );
}
