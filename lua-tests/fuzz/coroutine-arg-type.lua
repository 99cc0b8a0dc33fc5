-- §6.2 coroutine.resume of a non-thread: "thread expected" (found by differential fuzzing)
print(pcall(coroutine.resume, nil))
print(pcall(coroutine.status, 1))
