"""The language server of `.rules` files (`checker lsp`, docs/lsp.md): `analysis` answers from
a text, `server` speaks the protocol (pygls, the `lsp` extra), `fmt` is the formatter (also
`checker rules fmt`, which needs no extra)."""
