import type { Clock } from '../../util/clock.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock tests move by hand; timers fire in order as time passes them. */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = Date.parse('2026-01-15T10:00:00Z')) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Moves time forward, firing due timers one at a time and letting their work run in between. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      this.timers = this.timers.filter((x) => !x.cancelled);
      const due = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.t = Math.max(this.t, due.at);
      due.cancelled = true;
      due.fn();
      await settleIo();
    }
    this.t = target;
    await settleIo();
  }

  /**
   * The machine sleeps: time jumps forward and every timer that fell due meanwhile fires late,
   * all at the new time, as they do when a laptop wakes.
   */
  async sleep(ms: number): Promise<void> {
    this.t += ms;
    await this.advance(0);
  }

  /** Sets the wall time directly (only forwards). */
  async set(iso: string): Promise<void> {
    await this.advance(Math.max(0, Date.parse(iso) - this.t));
  }
}

/** Lets pending store commits and the reconciles they trigger run. */
export async function settleIo(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
