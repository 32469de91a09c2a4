// Preloaded (`node --require bench/measure.cjs`) into each measured process: on exit it writes the
// process's own CPU time and peak RSS to $RG_BENCH_USAGE, so floor and analyze are measured alike.
const fs = require('node:fs');
process.on('exit', () => {
  const file = process.env.RG_BENCH_USAGE;
  if (!file) return;
  const u = process.resourceUsage();
  fs.writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
});
