// Being written: the s3v2 signer. Exports nothing until it is done.
export {};
