-- §3.4 / §2.3 runtime error message: call-global
undefinedfunc()
