module example.com/unbounded-allocation

go 1.22
