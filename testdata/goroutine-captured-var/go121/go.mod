module example.com/gcv/go121

go 1.21
