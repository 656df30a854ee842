// The signers of all four vendors, as pure functions: `@yunstore/core/sign`.
export * from './cos.ts';
export * from './cos-vector.ts';
export * from './bos.ts';
export * from './bos-vector.ts';
export * from './nos.ts';
export * from './s3v2.ts';
export * from './s3v4.ts';
