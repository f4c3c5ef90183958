import type { AppContext } from '../../context.ts';
import { lineSnapshot, progressIn, type LineSnapshot, type TicketProgress } from './queue.ts';
import { onLineChange } from './signals.ts';

type Page = () => void;

/**
 * The pages of one process watching one line. Each change of the line is read once (one snapshot shared by
 * every page), then each page's progress is computed in memory: a thousand open pages cost one query per
 * change, not a thousand.
 */
class LineWatch {
  readonly pages = new Set<Page>();
  private generation = 0;
  private loaded: { generation: number; snapshot: Promise<LineSnapshot> } | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: AppContext,
    private readonly lineId: string,
  ) {
    this.unsubscribe = onLineChange(ctx, lineId, () => {
      this.generation += 1;
      for (const page of this.pages) page();
    });
  }

  /** The line as of the latest change heard, and that change's number (a later one may resolve first). */
  snapshot(): Promise<{ generation: number; snapshot: LineSnapshot }> {
    if (this.loaded?.generation !== this.generation) {
      const snapshot = lineSnapshot(this.ctx, this.lineId);
      this.loaded = { generation: this.generation, snapshot };
      snapshot.catch(() => {
        if (this.loaded?.snapshot === snapshot) this.loaded = null;
      });
    }
    const { generation, snapshot } = this.loaded;
    return snapshot.then((read) => ({ generation, snapshot: read }));
  }

  close(): void {
    this.unsubscribe();
  }
}

const watches = new WeakMap<AppContext, Map<string, LineWatch>>();

/** Calls `send` with the ticket's progress now and after each change of its line that alters it, until stopped. */
export function watchTicket(ctx: AppContext, lineId: string, ticketId: string, send: (progress: TicketProgress) => void, onError: (error: unknown) => void): () => void {
  let perLine = watches.get(ctx);
  if (!perLine) watches.set(ctx, (perLine = new Map()));
  let watch = perLine.get(lineId);
  if (!watch) perLine.set(lineId, (watch = new LineWatch(ctx, lineId)));
  const lineWatch = watch;
  let stopped = false;
  let last = '';
  let shown = -1;
  const push: Page = () => {
    lineWatch
      .snapshot()
      .then(({ generation, snapshot }) => {
        const ticket = snapshot.tickets.get(ticketId);
        if (stopped || !ticket || generation < shown) return;
        shown = generation;
        const progress = progressIn(snapshot, ticket);
        const text = JSON.stringify(progress);
        if (text === last) return;
        last = text;
        send(progress);
      })
      .catch((error: unknown) => {
        if (!stopped) onError(error);
      });
  };
  lineWatch.pages.add(push);
  push();
  return () => {
    if (stopped) return;
    stopped = true;
    lineWatch.pages.delete(push);
    if (lineWatch.pages.size === 0) {
      lineWatch.close();
      perLine.delete(lineId);
    }
  };
}
