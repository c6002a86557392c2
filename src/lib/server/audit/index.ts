/** The append-only audit log: every sensitive read and every money movement. */
export * from './audit';
export * from './log-page';
