// Peer for bench/compare.sh: the notification outbox built on the popular Node
// job queue. A plain `http` server validates the request like vigiad does and
// answers 201 only after `queue.add` resolved, i.e. after Redis acknowledged the
// job. compare.sh runs Redis with appendonly yes + appendfsync always, so that
// acknowledgement means the job was fsynced: the same durability promise as the
// SQLite outboxes. No worker consumes the queue; the bench measures enqueue.
//
// Environment:
//   BENCH_TOKEN   bearer token every POST must carry (required)
//   PORT          port to listen on, on 127.0.0.1 (required)
//   REDIS_PORT    Redis port on 127.0.0.1 (required)
//   QUEUE_NAME    BullMQ queue name (default "notifications")

import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Queue } from 'bullmq';

const token = Buffer.from(required('BENCH_TOKEN'));
const port = Number(required('PORT'));
const redisPort = Number(required('REDIS_PORT'));

// Same channels and field limits as vigiad (core/Notification.cpp).
const CHANNELS = new Set(['whatsapp', 'discord', 'telegram']);
const LIMITS = { channel: 16, recipient: 512, text: 4096, type: 64 };
const MAX_BODY = 65536;

const queue = new Queue(process.env.QUEUE_NAME || 'notifications', {
  connection: { host: '127.0.0.1', port: redisPort },
});
queue.on('error', (err) => console.error('bullmq_outbox: queue error:', err.message));

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`bullmq_outbox: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function fail(res, status, code, message, field) {
  send(res, status, field ? { error: code, message, field } : { error: code, message });
}

function authorized(req) {
  const header = req.headers.authorization || '';
  if (!header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  return given.length === token.length && timingSafeEqual(given, token);
}

function validate(body) {
  const fields = {};
  for (const [name, limit] of Object.entries(LIMITS)) {
    const value = body[name];
    if (typeof value !== 'string' || !value.trim()) return { field: name, message: `${name} is required` };
    if (value.trim().length > limit) return { field: name, message: `${name} is limited to ${limit} characters` };
    fields[name] = value.trim();
  }
  if (!CHANNELS.has(fields.channel)) {
    return { field: 'channel', message: 'channel must be one of whatsapp, discord, telegram' };
  }
  return { fields };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function createNotification(req, res) {
  if (!authorized(req)) return fail(res, 401, 'unauthorized', 'a valid bearer token is required');
  let body;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'));
  } catch (err) {
    if (err.status === 413) return fail(res, 413, 'body_too_large', 'the body is too large');
    return fail(res, 400, 'invalid_json', 'the body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return fail(res, 400, 'invalid_json', 'the body must be a JSON object');
  }
  const { fields, field, message } = validate(body);
  if (!fields) return fail(res, 422, 'validation_failed', message, field);
  const key = (req.headers['idempotency-key'] || '').trim();
  if (key.length > 255) {
    return fail(res, 400, 'invalid_idempotency_key', 'Idempotency-Key is limited to 255 characters');
  }
  // BullMQ ignores an add whose jobId already exists and hands back that job,
  // which is the idempotent replay. Without a key BullMQ picks the id.
  const job = await queue.add('notify', fields, key ? { jobId: key } : {});
  send(res, 201, { id: job.id, state: 'pending' });
}

async function count(res) {
  const counts = await queue.getJobCounts();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  send(res, 200, { count: total, counts });
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  let work;
  if (req.method === 'POST' && path === '/v1/notifications') work = createNotification(req, res);
  else if (req.method === 'GET' && path === '/count') work = count(res);
  else return fail(res, 404, 'not_found', 'no such route');
  work.catch((err) => {
    // Redis unreachable or the add rejected: nothing was acknowledged.
    console.error('bullmq_outbox:', err.message);
    if (!res.headersSent) fail(res, 503, 'storage_unavailable', err.message);
  });
});

// Answer only once Redis is reachable, so compare.sh's wait-for-port means ready.
await queue.waitUntilReady();
server.listen(port, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${port}`));

// Close cleanly, but never hang: with Redis already gone queue.close() waits on
// ioredis's reconnect loop forever.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    setTimeout(() => process.exit(0), 1000).unref();
    queue.close().finally(() => process.exit(0));
  });
}
