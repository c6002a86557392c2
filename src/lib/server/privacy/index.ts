/**
 * Privacy (AVG self-service, issue 15): the shapes every module's `privacy.ts` contributes (kinds
 * of personal data, retention rules), consent records, and the engines that run over the table of
 * contributions — export (art. 15/20), erasure (art. 17, also after a move-out), retention and the
 * register of processing (art. 30). The table itself is `../personal-data.ts` (a registry).
 */
export * from './model';
export * from './policy';
export * from './consents';
export * from './erase';
export * from './export';
export * from './retention';
export * from './move-out';
export * from './settings';
export * from './register';
export * from './own-kinds';
export * from './delete-own-account';
