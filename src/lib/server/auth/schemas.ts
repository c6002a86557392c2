import { z } from 'zod';
import { plainText } from '../shared/text';

export const email = plainText().trim().toLowerCase().max(254, 'validation.too_long').pipe(z.email('validation.email'));
// Long passphrases welcome; 10 characters at least; 200 at most so hashing stays cheap.
export const newPassword = plainText().min(10, 'auth.password_too_short').max(200, 'validation.too_long');
export const personName = plainText().trim().min(1, 'validation.required').max(100, 'validation.too_long');
