/**
 * Buffered text output for long traces: lines are gathered into 64 KiB chunks before they reach
 * the stream, so printing a million events does not cost a million writes.
 */
export class BufferedLines {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly write: (chunk: string) => void) {}

  line(text: string): void {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= 65536) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}
