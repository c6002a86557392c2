// npm run bench [-- NAME ...]: runs the named benchmarks (default: all). Figures are printed as
// ratios to a reference measured in the same run, because these machines are noisy.
export {};
const benches: Record<string, () => Promise<void>> = {
	home: async () => (await import('./home')).benchHome(),
	vote: async () => {
		const { benchCounting } = await import('./vote');
		await benchCounting();
		await (await import('./vote-db')).benchVoteDb();
	},
	ledger: async () => {
		const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
		const { benchLedger } = await import('./ledger');
		await benchLedger({ url, seconds: Number(process.env.BENCH_SECONDS ?? 10), clients: 8 });
		await (await import('./help-list')).benchHelpList();
	},
	reports: async () => (await import('./reports')).benchReports(),
	board: async () => (await import('./board')).benchBoard(),
	// Needs the large seed (npm run seed -- --scale large): not part of the default run.
	scale: async () => (await import('./scale')).benchScale()
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of names.length ? names : Object.keys(benches).filter((n) => n !== 'scale')) {
	const run = benches[name];
	if (!run) {
		console.error(`unknown benchmark ${name}; choose from ${Object.keys(benches).join(', ')}`);
		process.exit(2);
	}
	console.log(`\n### ${name}`);
	await run();
}
