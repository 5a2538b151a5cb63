-- wrk script: POST /v1/checkouts with a different Amazon order reference id on every request,
-- so that every request is a new checkout (202), never a duplicate (200).
-- Usage: wrk -t2 -c32 -d30s --latency -s post-checkouts.lua http://127.0.0.1:8080
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + tid)
  run = math.random(0, 999)
  counter = 0
end

function request()
  counter = counter + 1
  local reference = string.format("P01-%03d%04d-%07d", run, tid, counter % 10000000)
  local body = '{"campaignId":12,"products":[{"productId":101,"quantity":1,"price":"29.95"}],'
    .. '"amazon":{"billerId":7,"orderReferenceId":"' .. reference .. '",'
    .. '"accessToken":"Atza|IwEBIload-test-token-0123456789abcdefghijklmnopqrstuvwxyz"}}'
  return wrk.format("POST", "/v1/checkouts", { ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, errors connect/read/write/timeout %d/%d/%d/%d\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
  io.write(string.format("rate %.1f req/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
