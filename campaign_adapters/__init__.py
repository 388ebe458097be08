"""Glue of ours that lets recbench drive third-party implementations (the conformance campaign).

One small module per upstream implementation, after fluster's decoders: each has a
``check()`` saying whether its prerequisites are on this machine (and which version is
installed), and, for the python adapter, the object the implementation's ICS names. The glue
only converts between the interface's values and the upstream API: it never validates input
on the upstream code's behalf (an input the API cannot receive raises ``NotExpressible``,
which the harness judges an error, never a rejection). The declarations and ICSs live under
``recommendations/<rec>/implementations/``.
"""
