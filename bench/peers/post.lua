-- wrk script for bench/compare.sh: every request is one new notification.
--
--   BENCH_TOKEN=... wrk -t2 -c6 -d10s --latency -s bench/peers/post.lua \
--       http://127.0.0.1:PORT/v1/notifications
--
-- Each request carries a unique Idempotency-Key (run nonce, thread id, counter),
-- so no request is an idempotent replay and every 2xx must be one stored row:
-- compare.sh checks exactly that. done() prints one line compare.sh parses:
--   RESULT requests=N ok=N non2xx=N errors=N rps=X p50_ms=X p99_ms=X

local token = os.getenv("BENCH_TOKEN")
if token == nil or token == "" then
   io.stderr:write("post.lua: BENCH_TOKEN is not set\n")
   os.exit(2)
end

-- A nonce per wrk run keeps keys unique when the same store is hit twice.
local function make_nonce()
   local nonce = os.getenv("BENCH_NONCE")
   if nonce ~= nil and nonce ~= "" then return nonce end
   local f = io.open("/dev/urandom", "rb")
   if f then
      local bytes = f:read(6)
      f:close()
      return (bytes:gsub(".", function(c) return string.format("%02x", c:byte()) end))
   end
   return tostring(os.time())
end

-- Runs in the main Lua state, once per thread, before the threads start.
-- The thread table is kept so done() can read each thread's counters.
local threads = {}
local run_nonce = make_nonce()

function setup(thread)
   thread:set("thread_id", #threads + 1)
   thread:set("nonce", run_nonce)
   table.insert(threads, thread)
end

-- Everything below up to done() runs inside each thread's own Lua state.
ok = 0
non2xx = 0
local counter = 0
-- BENCH_INVALID=1: every body lacks "type", so vigiad answers 422 after the
-- listener, HTTP parsing, routing, the token and the JSON, without the store:
-- what the HTTP layer alone can carry.
local invalid = os.getenv("BENCH_INVALID") == "1"
local headers = {
   ["Content-Type"] = "application/json",
   ["Authorization"] = "Bearer " .. token,
}

function request()
   counter = counter + 1
   headers["Idempotency-Key"] = string.format("bench-%s-%d-%d", nonce, thread_id, counter)
   -- A "type" is required by vigiad's API (and so checked by the peers too).
   local body = string.format(
      '{"channel":"whatsapp","recipient":"+584241234567",%s'
         .. '"text":"Pedido %d-%d listo"}', invalid and "" or '"type":"ORDER_READY",',
      thread_id, counter)
   return wrk.format("POST", nil, headers, body)
end

function response(status, hdrs, body)
   if status >= 200 and status < 300 then
      ok = ok + 1
   else
      non2xx = non2xx + 1
      -- Show the first few refusals: a 401/422 here means a broken bench, not a slow system.
      if non2xx <= 3 and not invalid then
         io.stderr:write(string.format("post.lua: HTTP %d: %s\n", status, body or ""))
      end
   end
end

function done(summary, latency, requests)
   local total_ok, total_non2xx = 0, 0
   for _, thread in ipairs(threads) do
      total_ok = total_ok + (thread:get("ok") or 0)
      total_non2xx = total_non2xx + (thread:get("non2xx") or 0)
   end
   local e = summary.errors
   local socket_errors = e.connect + e.read + e.write + e.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "RESULT requests=%d ok=%d non2xx=%d errors=%d rps=%.1f all_rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
      summary.requests, total_ok, total_non2xx, socket_errors,
      total_ok / seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
