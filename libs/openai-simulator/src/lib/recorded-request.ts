export interface RecordedRequest {
  path: string;
  model: string | undefined;
  stream: boolean;
  /** The x-stainless-retry-count header the SDK sends ('0' on the first attempt). */
  retryCount: string | undefined;
  /** Whether an Authorization header was present; its value is never kept. */
  authorization: boolean;
  /** Date.now() when the request body was received. */
  at: number;
}

/** Keeps the last `capacity` requests in a ring, so load tests cannot grow memory without bound. */
export class RequestLog {
  private readonly items: RecordedRequest[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  add(request: RecordedRequest): void {
    if (this.items.length < this.capacity) {
      this.items.push(request);
      return;
    }
    this.items[this.next] = request;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): RecordedRequest[] {
    return this.next === 0 ? this.items.slice() : [...this.items.slice(this.next), ...this.items.slice(0, this.next)];
  }

  clear(): void {
    this.items.length = 0;
    this.next = 0;
  }
}
