// Being written: the nos signer. Exports nothing until it is done.
export {};
