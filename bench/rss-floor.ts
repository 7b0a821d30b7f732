/**
 * The floor for the server's memory: a process (node + tsx, as `renda serve` runs) that has
 * imported the app's modules and done nothing else. Prints its RSS and heap in MB as JSON.
 */
await import('../src/server/app.js');
const m = process.memoryUsage();
console.log(JSON.stringify({ rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20 }));
