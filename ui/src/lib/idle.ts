// The idle lock: any key, click, scroll or touch counts as use, and once `minutes` pass
// without any, `onIdle` runs (the app locks). It checks every 5 seconds rather than setting one
// long timer, so a suspended laptop that wakes past the limit locks within seconds.
export class IdleWatch {
  private lastUse: number;

  constructor(private readonly now: () => number = Date.now) {
    this.lastUse = now();
  }

  /** The person did something. */
  used(): void {
    this.lastUse = this.now();
  }

  /** Watches for `minutes` without use; the function it returns stops watching. */
  start(minutes: number, onIdle: () => void): () => void {
    this.lastUse = this.now();
    const timer = setInterval(() => {
      if (this.now() - this.lastUse >= minutes * 60_000) onIdle();
    }, 5_000);
    return () => clearInterval(timer);
  }
}
