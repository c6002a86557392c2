/** Sign-in: passwords, sessions, e-mailed links, resets, sign-up with a letter code, rate limits. */
export * from './crypto';
export * from './login';
export * from './password-reset';
export * from './rate-limit';
export * from './schemas';
export * from './sessions';
export * from './sign-up';
export * from './tokens';
export * from './privacy';
