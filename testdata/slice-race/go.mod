module example.com/slice-race

go 1.19
