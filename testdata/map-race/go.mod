module example.com/map-race

go 1.19
