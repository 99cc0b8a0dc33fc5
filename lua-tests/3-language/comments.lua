-- §3.1 comments, short and long
print(1) -- short comment
--[[ long
comment ]] print(2)
--[==[ long comment
with ]] inside ]==] print(3)
---[[ this is a short comment
print(4)
--]]
