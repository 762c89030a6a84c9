module example.com/unbounded-map-growth

go 1.22
