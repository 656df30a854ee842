// Being written: the bos signer. Exports nothing until it is done.
export {};
