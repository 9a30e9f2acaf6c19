// Serves one client (a window, a browser tab) over any transport: runs its calls against the
// bridge, keeps its subscriptions by id, and drops them all when the client goes away.
import type { SkiffBridge, Unsubscribe } from './contract.js';
import { REQUEST_NAMES, SUBSCRIPTION_NAMES } from './methods.js';
import type { ClientMessage, ServerMessage } from './protocol.js';
import { failure, toStatus } from './errors.js';

const requests = new Set<string>(REQUEST_NAMES);
const subscriptions = new Set<string>(SUBSCRIPTION_NAMES);

export class BridgeConnection {
  private readonly subs = new Map<number, Unsubscribe>();
  private closed = false;

  constructor(
    private readonly bridge: SkiffBridge,
    private readonly send: (message: ServerMessage) => void,
  ) {}

  handle(message: ClientMessage): void {
    if (this.closed) return;
    if (message.t === 'call') void this.call(message.id, message.method, message.args);
    else if (message.t === 'sub') this.subscribe(message.id, message.topic, message.args);
    else this.unsubscribe(message.id);
  }

  private emit(message: ServerMessage): void {
    if (!this.closed) this.send(message);
  }

  private async call(id: number, method: string, args: unknown[]): Promise<void> {
    if (!requests.has(method)) {
      this.emit({ t: 'result', id, ok: false, status: failure(404, 'NotFound', `no bridge method "${method}"`) });
      return;
    }
    try {
      const fn = this.bridge[method as keyof SkiffBridge] as (...a: unknown[]) => Promise<unknown>;
      const value = await fn.apply(this.bridge, args);
      this.emit({ t: 'result', id, ok: true, value: value ?? null });
    } catch (err) {
      this.emit({ t: 'result', id, ok: false, status: toStatus(err) });
    }
  }

  private subscribe(id: number, topic: string, args: unknown[]): void {
    if (this.subs.has(id)) return;
    if (!subscriptions.has(topic)) {
      this.emit({ t: 'end', id, status: failure(404, 'NotFound', `no bridge subscription "${topic}"`) });
      return;
    }
    try {
      const fn = this.bridge[topic as keyof SkiffBridge] as (...a: unknown[]) => Unsubscribe;
      const off = fn.apply(this.bridge, [...args, (data: unknown) => this.emit({ t: 'event', id, data })]);
      this.subs.set(id, off);
    } catch (err) {
      this.emit({ t: 'end', id, status: toStatus(err) });
    }
  }

  private unsubscribe(id: number): void {
    const off = this.subs.get(id);
    this.subs.delete(id);
    off?.();
  }

  get subscriptionCount(): number {
    return this.subs.size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.subs.values()) {
      try {
        off();
      } catch {}
    }
    this.subs.clear();
  }
}
