// Preloaded into a gateway by test:faults and bench:startup (`node --import <this file>`):
// how long that gateway's event loop was held, whatever checkout it runs (plain JavaScript, no
// import of the app, so an older checkout can be measured the same way). A request waits at
// least as long as the loop is held, so this is the gateway-side half of /health's latency;
// the client-side half (the probing process being busy) is not in it.
//
// LOOP_MONITOR_OUT names a file that gets one JSON line per phase. SIGUSR2 ends a phase (its
// line is written, the counters restart); exit ends the last one. A line: the phase's
// event-loop delay (max, p50, p99, ms), the holds over 50 ms (start in ms since this process
// started, length), and when the process started listening (ms since start).
import { appendFileSync } from 'node:fs';
import net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const out = process.env.LOOP_MONITOR_OUT;
if (out) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const TICK_MS = 10;
  const HOLD_MS = 50;
  let holds = [];
  let listenedAt;
  let phase = 0;
  let last = performance.now();
  // A timer that should fire every 10 ms: a late one says what held the loop, and when.
  setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late > HOLD_MS) holds.push([Math.round(last), Math.round(late)]);
    last = now;
  }, TICK_MS).unref();
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    this.once('listening', () => (listenedAt ??= Math.round(performance.now())));
    return listen.apply(this, args);
  };
  const ms = (ns) => Math.round(ns / 1e5) / 10;
  const flush = () => {
    const line = {
      phase: phase++,
      at: Math.round(performance.now()),
      maxMs: ms(histogram.max),
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      holds,
      ...(listenedAt !== undefined ? { listenedAt } : {}),
    };
    appendFileSync(out, `${JSON.stringify(line)}\n`);
    histogram.reset();
    holds = [];
  };
  process.on('SIGUSR2', flush);
  process.on('exit', flush);
}
