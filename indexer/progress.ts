import cliProgress from 'cli-progress';

export interface Counts {
  read: number;
  indexed: number;
  failed: number;
}

export interface Progress {
  update(bytesDone: number, counts: Counts): void;
  stop(): void;
}

const mb = (n: number) => (n / 1e6).toFixed(1);

/** A bar on a TTY; elsewhere (CI, pipes) a plain line at most every 2 s. */
export function createProgress(totalBytes: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'indexing |{bar}| {percentage}% | {mbDone}/{mbTotal} MB | read {read} | indexed {indexed} | failed {failed} | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(totalBytes, 1), 0, { mbDone: '0.0', mbTotal: mb(totalBytes), read: 0, indexed: 0, failed: 0 });
    return {
      update: (done, c) => bar.update(done, { mbDone: mb(done), mbTotal: mb(totalBytes), ...c }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  let lastLine = '';
  const line = (done: number, c: Counts) =>
    `indexing: ${totalBytes ? Math.floor((100 * done) / totalBytes) : 100}% (${mb(done)}/${mb(totalBytes)} MB) read ${c.read}, indexed ${c.indexed}, failed ${c.failed}`;
  return {
    update(done, c) {
      const now = Date.now();
      if (now - last < 2000) return;
      last = now;
      lastLine = line(done, c);
      stream.write(`${lastLine}\n`);
    },
    stop() {},
  };
}

export const silentProgress: Progress = { update() {}, stop() {} };
