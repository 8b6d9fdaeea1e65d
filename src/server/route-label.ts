// Which route the process is working for, for profiles that label their samples with it
// (`go tool pprof -tagfocus route=post`). The server says when it starts and stops a route's
// work; a profiler that wants labels listens (the debug listener's CPU profile does), and
// until one does this costs a call that returns.

type Labeler = (route: string | null) => void;

let labeler: Labeler | null = null;

/** Called by the server around a route's synchronous work. */
export function labelRoute(route: string | null): void {
  labeler?.(route);
}

/** Sets (or, with null, removes) who is told; returns the one it replaced. */
export function setRouteLabeler(next: Labeler | null): Labeler | null {
  const before = labeler;
  labeler = next;
  return before;
}
