-- §3.4 / §2.3 runtime error message: compare-nil
print(1 < nil)
