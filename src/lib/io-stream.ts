/**
 * # Output streams made of two functions
 *
 * Responsibility: a write-only `HostStream` whose bytes go to a function
 * and whose `flush` calls another — what the standard output and error
 * are on every platform. The io library makes `io.stdout` one of these
 * over the state's output (`GlobalState.write` / `flush`), so that
 * `print` and `io.write` share one sink and keep their order; platforms
 * make their standard streams from them.
 *
 * Manual: §6.8 (io.stdout, io.stderr, file:setvbuf). PUC-Rio counterpart:
 * C's `stdout` and `stderr` streams.
 *
 * Invariants:
 * - Reading fails with EBADF (C's stdout is not open for reading) and
 *   seeking with ESPIPE (a terminal or pipe).
 * - Buffering is the sink's: `setvbuf("no")` flushes after every write,
 *   `"line"` after a write containing a newline, `"full"` leaves it to the
 *   sink.
 *
 * Read next: `io.ts`, `src/api/platform.ts`.
 */
import { hostError, type Buffering, type HostStream } from '../api/platform.ts';

/** A write-only stream over `write` and `flush` functions. */
export class SinkStream implements HostStream {
  readonly readable = false;
  readonly writable = true;
  private buffering: Buffering;

  constructor(
    private readonly sink: (bytes: string) => void,
    private readonly flushSink: () => void = () => {},
    buffering: Buffering = 'full',
  ) {
    this.buffering = buffering;
  }

  write(bytes: string): void {
    this.sink(bytes);
    if (this.buffering === 'no' || (this.buffering === 'line' && bytes.includes('\n'))) this.flushSink();
  }

  flush(): void { this.flushSink(); }

  setvbuf(mode: Buffering): void {
    this.flushSink();
    this.buffering = mode;
  }

  close(): void { this.flushSink(); }

  peek(): number { throw badRead(); }
  getc(): number { throw badRead(); }
  read(): string { throw badRead(); }
  readLine(): string | undefined { throw badRead(); }
  readAll(): string { throw badRead(); }
  seek(): number { throw hostError('ESPIPE', 'Illegal seek'); }
}

function badRead(): Error {
  return hostError('EBADF', 'Bad file descriptor');
}
