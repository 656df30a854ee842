// Being written: the s3v4 signer. Exports nothing until it is done.
export {};
