/** Groups items into batches capped by count and by (approximate JSON) bytes. */
export class Batcher<T> {
  private items: T[] = [];
  private bytes = 0;

  constructor(
    private maxCount: number,
    private maxBytes: number,
    private size: (item: T) => number,
  ) {}

  /** Adds an item; returns a full batch when this item completes one. */
  add(item: T): T[] | undefined {
    const n = this.size(item);
    let full: T[] | undefined;
    if (this.items.length > 0 && this.bytes + n > this.maxBytes) full = this.take();
    this.items.push(item);
    this.bytes += n;
    if (!full && this.items.length >= this.maxCount) full = this.take();
    return full;
  }

  take(): T[] {
    const out = this.items;
    this.items = [];
    this.bytes = 0;
    return out;
  }
}
