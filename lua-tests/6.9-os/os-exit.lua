-- §6.9 os.exit ends the program with the given status after flushing output
print("buffered output is written first")
os.exit(3)
print("never")
