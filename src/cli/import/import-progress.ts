/**
 * The progress of an import on stderr: rows done, rate and time left. On a terminal one line
 * rewritten in place; otherwise (logs, CI) a line every few seconds.
 */
const LOG_EVERY_MS = 2000;

export class ImportProgress {
  private readonly started = Date.now();
  private lastLine = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly total: number | undefined,
    private readonly resumedAt: number,
  ) {}

  update(done: number, rejected: number, final = false): void {
    const now = Date.now();
    if (!final && !this.out.isTTY && now - this.lastLine < LOG_EVERY_MS) return;
    this.lastLine = now;
    const line = this.line(done, rejected, now);
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else this.out.write(`${line}\n`);
  }

  private line(done: number, rejected: number, now: number): string {
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = (done - this.resumedAt) / seconds;
    const parts = [
      this.total === undefined
        ? `${done.toLocaleString('en-US')} rows`
        : `${done.toLocaleString('en-US')} / ${this.total.toLocaleString('en-US')} rows (${percent(done, this.total)})`,
      `${Math.round(rate).toLocaleString('en-US')} rows/s`,
    ];
    if (this.total !== undefined && rate > 0 && done < this.total)
      parts.push(`ETA ${duration((this.total - done) / rate)}`);
    if (rejected > 0) parts.push(`${rejected.toLocaleString('en-US')} rejected`);
    return `  ${parts.join(' · ')}`;
  }
}

function percent(done: number, total: number): string {
  return total === 0 ? '100%' : `${Math.floor((done / total) * 100)}%`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.ceil(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
