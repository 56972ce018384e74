/**
 * One page's claim, kept in step with the character on screen. Requests go one at a time, so
 * answers can never arrive out of order: a claim the server grants after the reviewer has moved
 * on (a slow answer) is followed at once by the claim of where they are now, or by a release —
 * never left behind to hide a character from everyone else for the whole lease.
 *
 * The server releases a person's other claims when they take a new one, so moving from one
 * character to the next is one request; only leaving the queue (or hiding the page) releases.
 */
import type { ReviewClaim } from '../../../../contract/review';

export type ClaimAnswer =
  /** Held by this reviewer. */
  | { kind: 'held'; claim: ReviewClaim }
  /** Someone else opened it first. */
  | { kind: 'taken'; claim: ReviewClaim }
  /** Offline, or the server could not answer: the next beat tries again. */
  | { kind: 'unanswered' };

export interface ClaimTransport {
  take(characterId: string): Promise<ClaimAnswer>;
  release(characterId: string): Promise<void>;
}

export class ClaimKeeper {
  /** The character on screen while the page is visible; null otherwise. */
  private target: string | null = null;
  /** The character the server last answered about (held or taken), and the one this reviewer holds. */
  private settled: string | null = null;
  private held: string | null = null;
  private renewing = false;
  private running = false;

  constructor(
    private readonly transport: ClaimTransport,
    private readonly answered: (characterId: string, answer: ClaimAnswer) => void = () => undefined,
  ) {}

  /** The character now on screen (null: none, or the page is hidden or being left). */
  want(characterId: string | null): Promise<void> {
    this.target = characterId;
    return this.run();
  }

  /** Renew the claim on the character on screen (the heartbeat). */
  renew(): Promise<void> {
    this.renewing = true;
    return this.run();
  }

  /** The character this reviewer holds, as the server last answered. */
  get holding(): string | null {
    return this.held;
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const target = this.target;
        if (target !== null && (target !== this.settled || this.renewing)) {
          this.renewing = false;
          const answer = await this.transport.take(target);
          this.settled = answer.kind === 'unanswered' ? null : target;
          // A granted claim lets go of this reviewer's others on the server; a refused or unanswered one changes nothing there.
          if (answer.kind === 'held') this.held = target;
          else if (answer.kind === 'taken' && this.held === target) this.held = null;
          this.answered(target, answer);
          if (answer.kind === 'unanswered' && this.target === target) return;
        } else if (target === null && this.held !== null) {
          const releasing = this.held;
          this.held = null;
          this.settled = null;
          await this.transport.release(releasing);
        } else {
          if (target === null) this.settled = null;
          this.renewing = false;
          return;
        }
      }
    } finally {
      this.running = false;
    }
  }
}
