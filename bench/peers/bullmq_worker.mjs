// The consumer half of the BullMQ peer, for compare.sh's "BullMQ + worker"
// runs: it takes the jobs bullmq_outbox.mjs adds and sends each one to the same
// loopback WAHA double vigiad delivers to (POST /api/sendText, the body vigiad
// sends), so that BullMQ is measured doing what vigiad does under load: taking
// notifications in and delivering them at the same time, on the same cores.
// A job completes when WAHA answered 200/201; any other answer fails it (the
// double always accepts, so no retry policy is needed here).
//
// Environment:
//   REDIS_PORT    Redis port on 127.0.0.1 (required)
//   WAHA_URL      the double's base URL, e.g. http://127.0.0.1:40001 (required)
//   CONCURRENCY   sends in flight at once (default 128, vigiad's default)
//   QUEUE_NAME    BullMQ queue name (default "notifications")

import { Worker } from 'bullmq';

const redisPort = Number(required('REDIS_PORT'));
const sendTextUrl = new URL('/api/sendText', required('WAHA_URL')).toString();
const concurrency = Number(process.env.CONCURRENCY || 128);

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`bullmq_worker: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

// vigiad's rule (core/Phone.cpp): digits of an international number, @c.us.
function chatId(recipient) {
  return `${recipient.replace(/[^0-9]/g, '')}@c.us`;
}

const worker = new Worker(
  process.env.QUEUE_NAME || 'notifications',
  async (job) => {
    const answer = await fetch(sendTextUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session: 'default', chatId: chatId(job.data.recipient), text: job.data.text }),
    });
    const body = await answer.text();
    if (answer.status !== 200 && answer.status !== 201) throw new Error(`WAHA answered ${answer.status}`);
    const id = JSON.parse(body).id;
    return { providerMessageId: typeof id === 'object' && id !== null ? id._serialized : id };
  },
  { connection: { host: '127.0.0.1', port: redisPort }, concurrency },
);
worker.on('error', (err) => console.error('bullmq_worker: worker error:', err.message));
await worker.waitUntilReady();
console.log(`working, ${concurrency} at once, sending to ${sendTextUrl}`);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    setTimeout(() => process.exit(0), 1000).unref();
    worker.close().finally(() => process.exit(0));
  });
}
