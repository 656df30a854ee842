// The helpers every dialect shares; import from here or from the single files.
export * from './conditions.ts';
export * from './http.ts';
export * from './ids.ts';
export * from './keys.ts';
export * from './listing.ts';
export * from './range.ts';
export * from './response-overrides.ts';
export * from './time.ts';
