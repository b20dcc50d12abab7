module github.com/hotswap/hotswap

go 1.24
