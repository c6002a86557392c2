// node scripts/merge-messages.mjs NAMESPACE nl-part.json en-part.json
// Sets messages/{nl,en}.json[NAMESPACE] (deep-merged) from two files, so a module can keep its
// texts in one namespace without hand-editing the big catalogue. Keys are kept sorted as given.
import { readFileSync, writeFileSync } from 'node:fs';

const [ns, nlFile, enFile] = process.argv.slice(2);
if (!ns || !nlFile || !enFile) {
	console.error('usage: node scripts/merge-messages.mjs NAMESPACE nl-part.json en-part.json');
	process.exit(2);
}
const merge = (a, b) => {
	for (const [k, v] of Object.entries(b)) a[k] = v && typeof v === 'object' && a[k] && typeof a[k] === 'object' ? merge(a[k], v) : v;
	return a;
};
for (const [locale, file] of [['nl', nlFile], ['en', enFile]]) {
	const path = `messages/${locale}.json`;
	const catalogue = JSON.parse(readFileSync(path, 'utf8'));
	const part = JSON.parse(readFileSync(file, 'utf8'));
	const [head, ...rest] = ns.split('.');
	let node = catalogue;
	for (const key of [head, ...rest].slice(0, -1)) node = node[key] ??= {};
	const last = [head, ...rest].at(-1);
	node[last] = merge(node[last] ?? {}, part);
	writeFileSync(path, JSON.stringify(catalogue, null, '\t') + '\n');
}
console.log(`merged ${ns} into messages/nl.json and messages/en.json`);
