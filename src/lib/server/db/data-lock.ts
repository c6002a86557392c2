import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

export class DataDirInUseError extends Error {
	constructor(dir: string, pid: number) {
		super(
			`Another Noaber process (pid ${pid}) is already using the data folder ${dir}. ` +
				`Two processes on one embedded database lose data, so this one stops. ` +
				`Stop the other process first, or set DATA_DIR to another folder, or use DATABASE_URL.`
		);
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Takes the data folder for this process. PGlite has no protection against a second process
 * opening the same files, and silently loses writes when that happens, so we refuse before
 * opening the database. A lock left by a process that died is taken over.
 */
export function lockDataDir(dir: string): () => void {
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'noaber.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			let released = false;
			return () => {
				if (released) return;
				released = true;
				try {
					unlinkSync(file);
				} catch {
					/* already gone */
				}
			};
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
			const pid = Number(readFileSync(file, 'utf8').trim());
			if (pid && pid !== process.pid && alive(pid)) throw new DataDirInUseError(dir, pid);
			unlinkSync(file); // stale: its process is gone
		}
	}
	throw new Error(`Could not lock ${dir}`);
}
