// A steady (open-loop) load client, run as its own process by bench/import-latency.ts:
// one GET every 1000/rate ms to the given URLs in turn, whether or not the earlier ones
// have answered (a slow server does not slow the load down, so its delays are all
// counted). On 'stop' it waits for the requests in flight and reports each latency (ms).
process.on('message', (message) => {
  if (message === 'stop') return void stop();
  start(message);
});

const latencies = [];
let errors = 0;
let timer;
const inFlight = new Set();

function start({ urls, headers, rate }) {
  const period = 1000 / rate;
  const began = performance.now();
  let sent = 0;
  const tick = () => {
    const url = urls[sent++ % urls.length];
    const request = (async () => {
      const started = performance.now();
      try {
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        if (response.status === 200) latencies.push(performance.now() - started);
        else errors++;
      } catch {
        errors++;
      }
    })();
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
    timer = setTimeout(tick, Math.max(0, began + sent * period - performance.now()));
  };
  tick();
  process.send('started');
}

async function stop() {
  clearTimeout(timer);
  await Promise.all(inFlight);
  process.send({ latencies, errors }, () => process.exit(0));
}
