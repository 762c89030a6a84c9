module example.com/map-range-race

go 1.19
