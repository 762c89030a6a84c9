module example.com/nil-map-write

go 1.22
