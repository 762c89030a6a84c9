module example.com/unchecked-map-pointer

go 1.22
