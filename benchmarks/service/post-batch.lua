-- wrk script: POST /vital-signs, a batch of 100 observations (100 patients) per request.
local counter = 0
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }

request = function()
  counter = counter + 1
  local items = {}
  for i = 0, 99 do
    items[#items + 1] = string.format('{"patient_id":"p%d","heart_rate":%d,"oxygen_saturation":97,"respiratory_rate":16}',
      (counter * 100 + i) % 1000, 70 + (counter + i) % 20)
  end
  return wrk.format("POST", "/vital-signs", headers, "[" .. table.concat(items, ",") .. "]")
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d observations=%d errors_status=%d seconds=%.1f rps=%.0f obs_per_s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.requests * 100, summary.errors.status, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6), summary.requests * 100 / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
