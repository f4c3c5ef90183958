/**
 * Login throughput against the argon2id ceiling, measured in the same run.
 *
 *   npm run bench:login -- [--duration 10] [--concurrency 4] [--rounds 5] [--warmup 1] [--breakdown-runs 50] [--profile [--profile-out prefix]]
 *   (or BENCH_DURATION_S, BENCH_CONCURRENCY, BENCH_ROUNDS, BENCH_WARMUP_S, BENCH_BREAKDOWN_RUNS; DATABASE_URL for PostgreSQL)
 *
 * - verify: N concurrent argon2id verifications of one hash in a bare loop, at the
 *   production cost (the config defaults);
 * - login: N concurrent clients signing in through POST /api/v1/investor/login on
 *   loopback, each time with a fresh captcha, against the real server (startServer).
 *
 * A sign-in cannot be faster than its one password verification, so the ratio
 * login/s ÷ verify/s says what the rest of the request costs (target > 0.8). The
 * two are measured in alternating short rounds, so that a busy neighbour on a
 * shared machine weighs on both alike.
 *
 * Captchas are issued before the timed window through a CaptchaService whose
 * witness keeps the answers: the bench measures the sign-in, not the captcha
 * image. By default the database is an embedded PGlite in a temporary folder;
 * with DATABASE_URL the migrations are applied there and a bench user is added.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { Session as InspectorSession } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { verify } from '@node-rs/argon2';
import { loadConfig } from '../server/src/config.ts';
import type { AppContext } from '../server/src/context.ts';
import { startServer } from '../server/src/server.ts';
import { migrateDatabase, openDatabase } from '../server/src/platform/db/client.ts';
import { CaptchaService } from '../server/src/platform/auth/captcha.ts';
import { audit } from '../server/src/platform/audit/audit.ts';
import { generateDemoIdentity } from '../server/src/platform/pki/identity.ts';
import { findActiveByAccount, registerInvestor, throttleCheck } from '../server/src/modules/identity/index.ts';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string' },
    concurrency: { type: 'string' },
    rounds: { type: 'string' },
    warmup: { type: 'string' },
    profile: { type: 'boolean' },
    'profile-out': { type: 'string' },
    'breakdown-runs': { type: 'string' },
  },
});
function positive(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}
const durationS = positive('duration', flags.duration ?? process.env.BENCH_DURATION_S, 10);
const concurrency = Math.floor(positive('concurrency', flags.concurrency ?? process.env.BENCH_CONCURRENCY, 4));
const rounds = Math.floor(positive('rounds', flags.rounds ?? process.env.BENCH_ROUNDS, 5));
const warmupS = positive('warmup', flags.warmup ?? process.env.BENCH_WARMUP_S, 1);
const databaseUrl = process.env.DATABASE_URL || undefined;
const BREAKDOWN_RUNS = Math.floor(positive('breakdown-runs', flags['breakdown-runs'] ?? process.env.BENCH_BREAKDOWN_RUNS, 50));

// argon2 runs on libuv's thread pool (4 threads by default): beyond that, both loops queue alike.
const poolSize = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
if (concurrency > poolSize) console.warn(`note: concurrency ${concurrency} > UV_THREADPOOL_SIZE ${poolSize}: argon2 work queues on the thread pool`);

// Outside demo mode, as in production: the server refuses to start without a signing
// identity (it signs e-certificates), so the bench gives it a throwaway one.
const tempDir = mkdtempSync(path.join(os.tmpdir(), 'clearhall-bench-'));
const signing = generateDemoIdentity();
writeFileSync(path.join(tempDir, 'signing.key.pem'), signing.keyPem, { mode: 0o600 });
writeFileSync(path.join(tempDir, 'signing.chain.pem'), signing.chainPem);

const config = loadConfig(
  {},
  {
    dataDir: tempDir,
    signingKeyFile: path.join(tempDir, 'signing.key.pem'),
    signingCertFile: path.join(tempDir, 'signing.chain.pem'),
    piiKeyBytes: randomBytes(32),
    host: '127.0.0.1',
    port: 0,
    databaseUrl,
    // Nothing in the background: the maintenance job and the outbox would only add noise.
    workers: 0,
    // No mail is sent (no jobs run); keep the transport on loopback anyway.
    smtpHost: '127.0.0.1',
    webDist: '/nonexistent',
    logLevel: 'warn',
    // The per-address throttle counts failed sign-ins only (recordLoginFailure;
    // throttleCheck reads without counting), and every sign-in here succeeds, so it
    // cannot trigger. Raised anyway, so that a broken run shows its real errors.
    loginIpMaxFailures: 10_000,
    // Every sign-in comes from this one address: the per-address limit on password routes
    // (PASSWORD_ROUTE_LIMIT) would refuse all but the first 30 a minute.
    passwordRouteLimit: 100_000,
  },
);
// argon2MemoryKib and argon2Passes are left at their defaults: the production cost.
const cost = { memoryKib: config.argon2MemoryKib, passes: config.argon2Passes };

const database = await openDatabase(databaseUrl ? { url: databaseUrl, poolSize: Math.max(10, concurrency * 2) } : { dataDir: path.join(tempDir, 'db') });
await migrateDatabase(database);
const server = await startServer(config, { database, migrate: false });

interface Sample {
  done: number;
  seconds: number;
  /** Seconds the main thread (event loop) was busy. */
  loopBusy: number;
  /** CPU seconds of the whole process, every thread (user + system). */
  cpu: number;
}

/** Runs `concurrency` copies of one step for a while; counts the steps that return true. */
async function loop(seconds: number, step: () => Promise<boolean>): Promise<Sample> {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) if (await step()) done++;
  };
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { done, seconds: elapsed, loopBusy: performance.eventLoopUtilization(elu).utilization * elapsed, cpu: (used.user + used.system) / 1e6 };
}

async function mean(runs: number, step: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < runs; i++) await step();
  return (performance.now() - started) / runs;
}

try {
  const { ctx, url } = server;
  const { hostname, port } = new URL(url);

  // The user, through the service layer: a registration code, then registration.
  const mobile = `199${String(randomInt(0, 1e8)).padStart(8, '0')}`;
  const password = `Bench${randomInt(0, 1e6)}x`;
  const { code } = await ctx.codes.issue(ctx.db, ctx.clock.now(), 'investor.register', 'sms', mobile);
  await registerInvestor(ctx, { requestId: 'bench' }, { mobile, password, smsCode: code, agreementsAccepted: true });
  const user = await findActiveByAccount(ctx, ctx.db, mobile);
  if (!user) throw new Error('the bench user was not registered');

  // HTTP on loopback, one keep-alive connection per client.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const request = (method: string, pathname: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: hostname, port: Number(port), method, path: pathname, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const csrf = (JSON.parse((await request('GET', '/api/v1/session', {})).body) as { csrfToken: string }).csrfToken;
  const jsonHeaders = { cookie: `ch_csrf=${csrf}`, 'x-csrf-token': csrf, 'content-type': 'application/json' };

  // Captchas in the database the server reads; the witness keeps each answer.
  const answers = new Map<string, string>();
  const issuer = new CaptchaService(Math.max(config.captchaTtlSeconds, 4 * Math.ceil(durationS + 3 * warmupS) + 60), async (_ex, id, answer) => {
    answers.set(id, answer);
  });
  const pool: { captchaId: string; answer: string }[] = [];
  const issueCaptcha = async () => {
    const { captchaId } = await issuer.issue(ctx.db, ctx.clock.now());
    const answer = answers.get(captchaId)!;
    answers.delete(captchaId);
    return { captchaId, answer };
  };
  const issueCaptchas = async (count: number) => {
    for (let i = 0; i < count; i++) pool.push(await issueCaptcha());
  };

  const verifyStep = async () => {
    if (!(await verify(user.passwordHash, password))) throw new Error('verification failed');
    return true;
  };
  const failures = new Map<string, number>();
  const loginStep = async () => {
    const captcha = pool.pop() ?? (await issueCaptcha());
    const res = await request('POST', '/api/v1/investor/login', jsonHeaders, JSON.stringify({ account: mobile, password, captchaId: captcha.captchaId, captchaAnswer: captcha.answer }));
    if (res.status === 200) return true;
    const key = `${res.status} ${(JSON.parse(res.body) as { code?: string }).code ?? ''}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
    return false;
  };

  console.log(
    `argon2id ${cost.memoryKib} KiB × ${cost.passes} passes, concurrency ${concurrency}, ${durationS} s each in ${rounds} alternating rounds ` +
      `(+${warmupS} s warm-up), ${database.kind}${databaseUrl ? '' : ' in a temporary folder'}, ${os.cpus().length} CPUs (load average ${os.loadavg()[0]!.toFixed(1)}), Node ${process.version}`,
  );

  // Warm up both paths; captchas for the whole run at the warm-up's verification rate, plus a margin.
  const probe = await loop(warmupS, verifyStep);
  const issueStarted = performance.now();
  await issueCaptchas(Math.ceil((probe.done / probe.seconds) * (durationS + warmupS) * 1.5) + 4 * concurrency);
  const issueSeconds = (performance.now() - issueStarted) / 1000;
  console.log(`(issued ${pool.length} captchas in ${issueSeconds.toFixed(1)} s before the timed window: ${((1000 * issueSeconds) / pool.length).toFixed(2)} ms each)`);
  await loop(warmupS, loginStep);
  failures.clear();

  const verifyTotal: Sample = { done: 0, seconds: 0, loopBusy: 0, cpu: 0 };
  const loginTotal: Sample = { done: 0, seconds: 0, loopBusy: 0, cpu: 0 };
  const add = (total: Sample, s: Sample) => {
    total.done += s.done;
    total.seconds += s.seconds;
    total.loopBusy += s.loopBusy;
    total.cpu += s.cpu;
  };
  // --profile: the main thread's CPU profile during the sign-in rounds (the profiler slows them a little).
  const profiler = flags.profile ? new InspectorSession() : null;
  const profiles: CpuProfile[] = [];
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
  }
  for (let round = 0; round < rounds; round++) {
    add(verifyTotal, await loop(durationS / rounds, verifyStep));
    await profiler?.post('Profiler.start');
    add(loginTotal, await loop(durationS / rounds, loginStep));
    if (profiler) profiles.push((await profiler.post('Profiler.stop')).profile as CpuProfile);
  }
  // --profile-out <prefix>: each round's profile as <prefix>-<round>.cpuprofile, for Chrome's DevTools or a summary script.
  if (flags['profile-out']) profiles.forEach((p, i) => writeFileSync(`${flags['profile-out']}-${i}.cpuprofile`, JSON.stringify(p)));
  const verifyRate = verifyTotal.done / verifyTotal.seconds;
  const loginRate = loginTotal.done / loginTotal.seconds;
  const ratio = loginRate / verifyRate;
  console.log(`verify: ${verifyRate.toFixed(1)} argon2id verifications/s (bare loop)`);
  console.log(`login:  ${loginRate.toFixed(1)} sign-ins/s (POST /api/v1/investor/login, loopback HTTP)`);
  if (failures.size) console.log(`refused sign-ins: ${[...failures].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  console.log(`ratio:  ${ratio.toFixed(2)} (login/s ÷ verify/s; target > 0.80)${ratio < 0.8 ? '  BELOW TARGET' : ''}`);
  // When the cores are saturated, throughput is cores ÷ CPU per operation: what a sign-in
  // spends beyond its verification caps the ratio at (CPU per verification ÷ CPU per sign-in).
  const cpuVerify = (1000 * verifyTotal.cpu) / Math.max(1, verifyTotal.done);
  const cpuLogin = (1000 * loginTotal.cpu) / Math.max(1, loginTotal.done);
  console.log(
    `CPU of this process per operation: ${cpuVerify.toFixed(2)} ms per verification, ${cpuLogin.toFixed(2)} ms per sign-in ` +
      `(${(cpuLogin - cpuVerify).toFixed(2)} ms beyond argon2; ${(verifyTotal.cpu / verifyTotal.seconds).toFixed(2)} and ${(loginTotal.cpu / loginTotal.seconds).toFixed(2)} cores used` +
      `${database.kind === 'postgres' ? "; PostgreSQL's own processes not counted" : ''})`,
  );
  console.log(
    `main thread during sign-ins: ${((100 * loginTotal.loopBusy) / loginTotal.seconds).toFixed(0)}% busy, ` +
      `${((1000 * loginTotal.loopBusy) / Math.max(1, loginTotal.done)).toFixed(2)} ms per sign-in (wall time: stretched while the argon2 threads hold the cores)`,
  );

  if (profiles.length) {
    const byPart = mainThreadByPart(profiles);
    byPart.delete('idle');
    byPart.delete('profiler'); // starting and stopping it
    const busy = [...byPart.values()].reduce((sum, ms) => sum + ms, 0);
    console.log(`main thread during sign-ins, by part (CPU profile; ${(busy / Math.max(1, loginTotal.done)).toFixed(2)} ms busy per sign-in, wall time):`);
    for (const [part, ms] of [...byPart].sort((a, b) => b[1] - a[1])) {
      console.log(`  ${(ms / Math.max(1, loginTotal.done)).toFixed(2).padStart(7)} ms per sign-in  ${((100 * ms) / busy).toFixed(0).padStart(3)}%  ${part}`);
    }
  }

  // Where the rest of a sign-in goes: each step alone, one at a time, without argon2.
  const now = () => ctx.clock.now();
  const meta = { ip: '127.0.0.1', requestId: 'bench', userAgent: 'bench' };
  const captchas = await Promise.all(Array.from({ length: BREAKDOWN_RUNS * 2 }, issueCaptcha));
  const steps: [string, number][] = [
    ['HTTP round trip of a trivial GET', await mean(BREAKDOWN_RUNS, () => request('GET', '/api/v1/investor/password-policy', {}))],
    ['HTTP POST refused by validation', await mean(BREAKDOWN_RUNS, () => request('POST', '/api/v1/investor/login', jsonHeaders, '{"account":1}'))],
    ['throttle check', await mean(BREAKDOWN_RUNS, () => throttleCheck(ctx, meta))],
    [
      'captcha verify',
      await mean(BREAKDOWN_RUNS, () => {
        const c = captchas.pop()!;
        return ctx.captcha.verify(ctx.db, now(), c.captchaId, c.answer);
      }),
    ],
    ['account look-up', await mean(BREAKDOWN_RUNS, () => findActiveByAccount(ctx, ctx.db, mobile))],
    ['sign-in transaction (session, audit)', await mean(BREAKDOWN_RUNS, () => signInTransaction(ctx, user.id, meta))],
    ['captcha issue (not on the sign-in path)', await mean(BREAKDOWN_RUNS, issueCaptcha)],
    ['argon2id verify, alone', await mean(Math.min(BREAKDOWN_RUNS, 20), verifyStep)],
  ];
  console.log(`one sign-in, step by step (mean ms of ${BREAKDOWN_RUNS} sequential runs):`);
  for (const [name, ms] of steps) console.log(`  ${ms.toFixed(2).padStart(7)}  ${name}`);
  agent.destroy();
} finally {
  await server.close();
  await database.close();
  rmSync(tempDir, { recursive: true, force: true });
}

/** The writes loginInvestor makes once the password is right, with no failures on record to forget (copied from it, for timing only). */
async function signInTransaction(ctx: AppContext, userId: string, meta: { ip: string; requestId: string; userAgent: string }) {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { session } = await ctx.sessions.create(tx, now, { kind: 'investor', id: userId }, meta);
    await audit(tx, now, meta, { actor: { kind: 'investor', id: userId }, action: 'investor.logged_in', objectType: 'session', objectId: session.id });
  });
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time of the main thread by part, in ms. A sample goes to the nearest frame
 * on its stack that belongs to a known part, so that Node's own functions called
 * by PGlite (its file system) count as PGlite, and the rest as Node.js.
 */
function mainThreadByPart(profiles: CpuProfile[]): Map<string, number> {
  const parts: [string, RegExp][] = [
    ['PGlite (PostgreSQL in WebAssembly, with its file system calls)', /@electric-sql|^wasm:/],
    ['pg driver', /node_modules\/(pg|pg-protocol|pg-pool)\//],
    ['Drizzle', /drizzle-orm/],
    ['Fastify and its plugins (routing, validation, cookies, helmet, serialisation)', /fastify|find-my-way|avvio|ajv|secure-json-parse|fast-json-stringify|fast-querystring|helmet|cookie/],
    ['logging', /pino/],
    ['Clearhall server code', /\/server\/src\//],
    ['profiler', /^node:inspector$/],
    ['bench HTTP clients', /\/bench\//],
  ];
  const special = new Map([
    ['(idle)', 'idle'],
    // Handing a verification to the thread pool wakes a pool thread, which on busy cores may take the CPU from the main thread there and then.
    ['VerifyTask', 'argon2 hand-off to the thread pool'],
    ['(garbage collector)', 'garbage collector'],
    ['(program)', 'V8 and native code outside JavaScript'],
  ]);
  const out = new Map<string, number>();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const partOf = new Map<number, string>();
    const resolve = (id: number): string => {
      const known = partOf.get(id);
      if (known) return known;
      const { functionName, url } = byId.get(id)!.callFrame;
      const up = parent.get(id);
      const part = special.get(functionName) ?? parts.find(([, re]) => re.test(url))?.[0] ?? (up === undefined || byId.get(up)!.callFrame.functionName === '(root)' ? 'Node.js (HTTP, streams, timers)' : resolve(up));
      partOf.set(id, part);
      return part;
    };
    profile.samples.forEach((id, i) => {
      const part = resolve(id);
      out.set(part, (out.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }
  return out;
}
