/** People: accounts, memberships, roles (the Actor), invitations, letters, imports, homes, consultant cards. */
export * from './actor';
export * from './scope';
export * from './names';
export * from './directory';
export * from './ambassadors';
export * from './consultant-cards';
export * from './consultant-photos';
export * from './import-units';
export * from './invitations';
export * from './overview';
export * from './signup-codes';
export * from './demo-seed';
export * from './demo-households';
export * from './demo-consultant';
export * from './sync-units';
export * from './social-team';
export * from './privacy';
