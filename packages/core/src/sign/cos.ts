// Being written: the cos signer. Exports nothing until it is done.
export {};
