/** Sleeps that stop() can end at once, so no simulator timer keeps the process alive. */
export class PendingTimers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  /** Resolves after `ms`, when cancelAll() runs, or when `closed` emits 'close' (whichever is first). */
  sleep(ms: number, closed?: NodeJS.EventEmitter): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.pending.delete(timer);
        closed?.off('close', finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.pending.set(timer, finish);
      closed?.once('close', finish);
    });
  }

  cancelAll(): void {
    for (const finish of [...this.pending.values()]) finish();
  }
}
