/** Shifts and activities of funded proposals, sign-ups with capacity, and the buurt's iCalendar feed. */
export * from './events';
export * from './calendar';
export * from './proposal-page';
export * from './privacy';
