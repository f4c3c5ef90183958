// A small load client, run as its own process by bench/queries.ts: `concurrency`
// loops of GET requests (keep-alive, Node's fetch) to the given URLs in turn for
// `durationMs`; reports the count and each latency (ms) back over IPC.
process.once('message', async ({ urls, headers, concurrency, durationMs }) => {
  const latencies = [];
  let errors = 0;
  let next = 0;
  const until = performance.now() + durationMs;
  const loop = async () => {
    while (performance.now() < until) {
      const url = urls[next++ % urls.length];
      const started = performance.now();
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status === 200) latencies.push(performance.now() - started);
      else errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  process.send({ requests: latencies.length, errors, seconds: (performance.now() - started) / 1000, latencies }, () => process.exit(0));
});
