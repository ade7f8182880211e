-- wrk script: POST /vital-signs, one observation per request, 1,000 patients in turn.
-- No timestamp: the service stamps it with its live clock. TOKEN comes from the environment.
local counter = 0
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }

request = function()
  counter = counter + 1
  local body = string.format('{"patient_id":"p%d","heart_rate":%d,"oxygen_saturation":97,"respiratory_rate":16}',
    counter % 1000, 70 + counter % 20)
  return wrk.format("POST", "/vital-signs", headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_status=%d seconds=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
