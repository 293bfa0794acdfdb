/**
 * A restartable socket timer, like the kernel's sk_reset_timer()/sk_stop_timer(): re-arming to a
 * later deadline only moves the deadline (the pending event re-arms itself when it fires early),
 * so an RTO pushed out by every ACK costs no event-queue churn.
 */
import type { SimApi, Timer } from '../types.js';

export class SockTimer {
  private deadline: number | undefined;
  private pending: Timer | undefined;
  private pendingAt = 0;

  constructor(
    private readonly sim: SimApi,
    private readonly onExpire: () => void,
  ) {}

  /** Whether the timer is armed. */
  get armed(): boolean {
    return this.deadline !== undefined;
  }

  /** The absolute virtual time it fires at, when armed. */
  get expires(): number | undefined {
    return this.deadline;
  }

  /** Arms (or re-arms) the timer to fire `delay` ns from now. */
  reset(delay: number): void {
    const at = this.sim.now + delay;
    this.deadline = at;
    if (this.pending !== undefined && this.pending.active && this.pendingAt <= at) return;
    this.pending?.cancel();
    this.schedule(at);
  }

  /** Disarms the timer. */
  stop(): void {
    this.deadline = undefined;
    this.pending?.cancel();
    this.pending = undefined;
  }

  private schedule(at: number): void {
    this.pendingAt = at;
    this.pending = this.sim.at(at, this.fire);
  }

  private readonly fire = (): void => {
    this.pending = undefined;
    const deadline = this.deadline;
    if (deadline === undefined) return;
    if (deadline > this.sim.now) {
      this.schedule(deadline);
      return;
    }
    this.deadline = undefined;
    this.onExpire();
  };
}
