import { z } from 'zod';

export const email = z.string().trim().toLowerCase().max(254, 'validation.too_long').pipe(z.email('validation.email'));
// Long passphrases welcome; 10 characters at least; 200 at most so hashing stays cheap.
export const newPassword = z.string().min(10, 'auth.password_too_short').max(200, 'validation.too_long');
export const personName = z.string().trim().min(1, 'validation.required').max(100, 'validation.too_long');
